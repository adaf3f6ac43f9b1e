package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.InvalidConfiguration}: configuration options that cannot work together, rejected at start-up ({@code init_host}).
 */
public class InvalidConfiguration extends Invalid {
    private static final long serialVersionUID = 1L;

    public InvalidConfiguration(String message) {
        super(message);
    }

    public InvalidConfiguration(String message, Throwable cause) {
        super(message, cause);
    }
}
