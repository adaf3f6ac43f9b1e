package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.MigrationPreCheckError}: a live-migration pre-check refused the move; nothing was changed on either host.
 */
public class MigrationPreCheckError extends MigrationError {
    private static final long serialVersionUID = 1L;

    public MigrationPreCheckError(String message) {
        super(message);
    }

    public MigrationPreCheckError(String message, Throwable cause) {
        super(message, cause);
    }
}
