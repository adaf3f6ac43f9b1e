package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.InvalidInput} ("Invalid input received: %(reason)s"): the caller passed a
 * value the library refuses (malformed uuid, image name with path tricks, non-positive size). Nothing was
 * changed when this is thrown.
 */
public class InvalidInput extends Invalid {
    private static final long serialVersionUID = 1L;

    public InvalidInput(String reason) {
        super("Invalid input received: " + reason);
    }
}
