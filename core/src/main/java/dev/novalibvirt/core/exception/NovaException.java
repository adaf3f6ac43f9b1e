package dev.novalibvirt.core.exception;

/**
 * Root of the library's typed exceptions, mirroring {@code nova.exception.NovaException}.
 *
 * <p>Subclasses carry Nova's exception names (MigrationPreCheckError, InvalidSharedStorage, ...) so that
 * controllers porting from Nova can map them one to one. Messages must never contain secret material
 * (cephx keys); they name objects by uuid, pool/image or host.
 */
public class NovaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NovaException(String message) {
        super(message);
    }

    public NovaException(String message, Throwable cause) {
        super(message, cause);
    }
}
