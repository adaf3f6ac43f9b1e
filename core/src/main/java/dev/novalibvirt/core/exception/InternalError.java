package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.InternalError}: libvirt failed in a way the driver does not map to a more specific error.
 */
public class InternalError extends NovaException {
    private static final long serialVersionUID = 1L;

    public InternalError(String message) {
        super(message);
    }

    public InternalError(String message, Throwable cause) {
        super(message, cause);
    }
}
