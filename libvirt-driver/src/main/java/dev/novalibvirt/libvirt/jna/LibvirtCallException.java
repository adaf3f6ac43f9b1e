package dev.novalibvirt.libvirt.jna;

import dev.novalibvirt.core.exception.NovaException;

/** A libvirt call made through our JNA binding failed; carries libvirt's error code ({@code virErrorNumber}). */
public class LibvirtCallException extends NovaException {
    private static final long serialVersionUID = 1L;

    /** {@code VIR_ERR_INTERNAL_ERROR}. */
    public static final int INTERNAL_ERROR = 1;
    /** {@code VIR_ERR_NO_SUPPORT}. */
    public static final int NO_SUPPORT = 3;
    /** {@code VIR_ERR_NO_DOMAIN}. */
    public static final int NO_DOMAIN = 42;
    /** {@code VIR_ERR_OPERATION_INVALID}. */
    public static final int OPERATION_INVALID = 55;

    private final int code;

    public LibvirtCallException(String function, int code, String message) {
        super(function + ": " + (message == null ? "unknown libvirt error" : message) + " (code " + code + ")");
        this.code = code;
    }

    /** libvirt's {@code virErrorNumber}. */
    public int code() {
        return code;
    }

    /** The domain does not exist ({@code VIR_ERR_NO_DOMAIN}). */
    public boolean isNoDomain() {
        return code == NO_DOMAIN;
    }

    /** Raises the calling thread's last libvirt error for {@code function}. */
    static LibvirtCallException last(String function) {
        LibvirtNative n = LibvirtNative.INSTANCE;
        int code = n.virGetLastErrorCode();
        String msg = n.virGetLastErrorMessage();
        n.virResetLastError();
        return new LibvirtCallException(function, code, msg);
    }
}
