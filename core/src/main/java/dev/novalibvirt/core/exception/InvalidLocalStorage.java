package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.InvalidLocalStorage}: block migration was requested although the instance's storage is shared.
 */
public class InvalidLocalStorage extends NovaException {
    private static final long serialVersionUID = 1L;

    public InvalidLocalStorage(String message) {
        super(message);
    }

    public InvalidLocalStorage(String message, Throwable cause) {
        super(message, cause);
    }
}
