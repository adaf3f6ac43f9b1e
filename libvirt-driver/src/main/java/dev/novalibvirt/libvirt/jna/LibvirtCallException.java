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
    /** {@code VIR_ERR_NO_CONNECT}. */
    public static final int NO_CONNECT = 5;
    /** {@code VIR_ERR_INVALID_CONN}. */
    public static final int INVALID_CONN = 6;
    /** {@code VIR_ERR_SYSTEM_ERROR}: in a call on a remote connection, its socket broke. */
    public static final int SYSTEM_ERROR = 38;

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

    /**
     * The connection broke (libvirtd went away): no or invalid connection, or a system error, which a call on a
     * remote connection gets when its socket closes. Coarser than {@code ConnectionErrors}: our binding does not
     * read the error's domain.
     */
    public boolean isConnectionLost() {
        return code == NO_CONNECT || code == INVALID_CONN || code == SYSTEM_ERROR;
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
