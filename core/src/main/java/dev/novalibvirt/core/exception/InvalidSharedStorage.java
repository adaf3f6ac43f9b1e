package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.InvalidSharedStorage}: live migration without block migration needs shared storage or a volume-backed instance with no local disks.
 */
public class InvalidSharedStorage extends NovaException {
    private static final long serialVersionUID = 1L;

    public InvalidSharedStorage(String message) {
        super(message);
    }

    public InvalidSharedStorage(String message, Throwable cause) {
        super(message, cause);
    }
}
