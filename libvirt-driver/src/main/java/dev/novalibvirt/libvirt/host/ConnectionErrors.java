package dev.novalibvirt.libvirt.host;

import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/**
 * Whether a libvirt error means the connection itself broke, as Nova's {@code Host._test_connection} and
 * {@code is_connection_error} decide: a system or internal error from the remote driver or its RPC layer ("End of
 * file while reading data", "client socket is closed", a keepalive timeout), or no/invalid connection.
 */
// "exports": takes libvirt-java's exception by design (the monitor and libvirt-java callers classify theirs);
// a modular caller that has one reads libvirt-java itself.
@SuppressWarnings("exports")
public final class ConnectionErrors {
    private ConnectionErrors() {
    }

    /** True when {@code e} says the connection to libvirtd is gone (not that the call itself was refused). */
    public static boolean lost(LibvirtException e) {
        if (e.getError() == null) {
            return false;
        }
        return lost(e.getError().getCode(), e.getError().getDomain());
    }

    static boolean lost(ErrorNumber code, ErrorDomain domain) {
        if (code == ErrorNumber.VIR_ERR_NO_CONNECT || code == ErrorNumber.VIR_ERR_INVALID_CONN) {
            return true;
        }
        boolean remote = domain == ErrorDomain.VIR_FROM_REMOTE || domain == ErrorDomain.VIR_FROM_RPC;
        return remote && (code == ErrorNumber.VIR_ERR_SYSTEM_ERROR || code == ErrorNumber.VIR_ERR_INTERNAL_ERROR
                || code == ErrorNumber.VIR_ERR_RPC);
    }
}
