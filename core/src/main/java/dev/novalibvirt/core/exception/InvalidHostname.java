package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.InvalidHostname}: a destination host name contains characters other than letters, digits, underscore, dash, dot and colon (e.g. shell metacharacters).
 */
public class InvalidHostname extends Invalid {
    private static final long serialVersionUID = 1L;

    public InvalidHostname(String message) {
        super(message);
    }

    public InvalidHostname(String message, Throwable cause) {
        super(message, cause);
    }
}
