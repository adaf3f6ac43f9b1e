package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.InvalidCPUInfo}: the destination cannot run the source's CPU model.
 */
public class InvalidCPUInfo extends Invalid {
    private static final long serialVersionUID = 1L;

    public InvalidCPUInfo(String message) {
        super(message);
    }

    public InvalidCPUInfo(String message, Throwable cause) {
        super(message, cause);
    }
}
