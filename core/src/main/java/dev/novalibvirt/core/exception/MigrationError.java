package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.MigrationError}: a live migration failed or was refused; its subclass
 * {@link MigrationPreCheckError} (as in Nova) says that a pre-check refused it before anything changed.
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
