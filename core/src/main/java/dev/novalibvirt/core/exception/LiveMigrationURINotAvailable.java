package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.LiveMigrationURINotAvailable}: no migration URI can be built for the configured virt_type.
 */
public class LiveMigrationURINotAvailable extends NovaException {
    private static final long serialVersionUID = 1L;

    public LiveMigrationURINotAvailable(String message) {
        super(message);
    }

    public LiveMigrationURINotAvailable(String message, Throwable cause) {
        super(message, cause);
    }
}
