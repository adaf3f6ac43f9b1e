package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.NotFound}: a resource does not exist (HTTP 404 in Nova).
 */
public class NotFound extends NovaException {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
        super(message);
    }

    public NotFound(String message, Throwable cause) {
        super(message, cause);
    }
}
