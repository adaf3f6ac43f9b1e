package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.StorageError} ("Storage error: %(reason)s"): the storage cluster failed or
 * could not be reached (connect timeout, op timeout, I/O error).
 */
public class StorageError extends NovaException {
    private static final long serialVersionUID = 1L;

    public StorageError(String reason) {
        super("Storage error: " + reason);
    }

    public StorageError(String reason, Throwable cause) {
        super("Storage error: " + reason, cause);
    }
}
