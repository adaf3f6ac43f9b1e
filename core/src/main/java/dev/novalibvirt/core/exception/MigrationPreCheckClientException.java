package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.MigrationPreCheckClientException}: a destination check could not be carried out (e.g. the destination did not answer).
 */
public class MigrationPreCheckClientException extends MigrationPreCheckError {
    private static final long serialVersionUID = 1L;

    public MigrationPreCheckClientException(String message) {
        super(message);
    }

    public MigrationPreCheckClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
