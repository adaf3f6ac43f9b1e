package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.NoActiveMigrationForInstance}: force-complete or abort was asked for an instance with no running migration.
 */
public class NoActiveMigrationForInstance extends NotFound {
    private static final long serialVersionUID = 1L;

    public NoActiveMigrationForInstance(String message) {
        super(message);
    }

    public NoActiveMigrationForInstance(String message, Throwable cause) {
        super(message, cause);
    }
}
