package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.Forbidden}; Nova's {@code rbd_utils.clone} maps {@code rbd.PermissionError}
 * to it (the cephx user may not read the source pool or write the destination pool).
 */
public class Forbidden extends NovaException {
    private static final long serialVersionUID = 1L;

    public Forbidden(String message) {
        super(message);
    }

    public Forbidden(String message, Throwable cause) {
        super(message, cause);
    }
}
