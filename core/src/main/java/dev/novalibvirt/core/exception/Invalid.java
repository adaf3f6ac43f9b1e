package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.Invalid}: a request or configuration value is not acceptable (HTTP 400 in Nova).
 */
public class Invalid extends NovaException {
    private static final long serialVersionUID = 1L;

    public Invalid(String message) {
        super(message);
    }

    public Invalid(String message, Throwable cause) {
        super(message, cause);
    }
}
