package dev.novalibvirt.conformance.lab;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;

/**
 * Installs a libvirt error callback that drops libvirt's own stderr reports: every error still reaches the
 * caller as a {@link LibvirtException}, so the default handler's printout is only noise in test logs.
 */
final class LibvirtQuiet {
    /** Held strongly: libvirt keeps only a native pointer to the callback. */
    private static final Libvirt.VirErrorCallback SILENT = (userData, error) -> { };
    private static boolean installed;

    private LibvirtQuiet() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        try {
            Connect.setErrorCallback(SILENT);
            installed = true;
        } catch (LibvirtException e) {
            throw new IllegalStateException("cannot install the libvirt error callback", e);
        }
    }
}
