package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.InvalidMigrationState}: the migration is not in a state that allows the requested action.
 */
public class InvalidMigrationState extends Invalid {
    private static final long serialVersionUID = 1L;

    public InvalidMigrationState(String message) {
        super(message);
    }

    public InvalidMigrationState(String message, Throwable cause) {
        super(message, cause);
    }
}
