package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.MigrationError}: a live migration failed after it was started.
 */
public class MigrationError extends NovaException {
    private static final long serialVersionUID = 1L;

    public MigrationError(String message) {
        super(message);
    }

    public MigrationError(String message, Throwable cause) {
        super(message, cause);
    }
}
