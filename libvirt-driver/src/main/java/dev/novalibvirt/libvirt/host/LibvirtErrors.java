package dev.novalibvirt.libvirt.host;

import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/** Classification of libvirt errors the way Nova's driver tests {@code e.get_error_code()}. */
final class LibvirtErrors {
    private LibvirtErrors() {
    }

    static boolean is(LibvirtException e, ErrorNumber code) {
        return e.getError() != null && e.getError().getCode() == code;
    }

    /** {@code VIR_ERR_NO_DOMAIN}: the domain does not exist (or vanished during the call). */
    static boolean noDomain(LibvirtException e) {
        return is(e, ErrorNumber.VIR_ERR_NO_DOMAIN);
    }

    static String message(LibvirtException e) {
        return e.getError() != null && e.getError().getMessage() != null ? e.getError().getMessage() : e.toString();
    }
}
