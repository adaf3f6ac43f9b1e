package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.InvalidHypervisorType}: source and destination run different hypervisor types.
 */
public class InvalidHypervisorType extends Invalid {
    private static final long serialVersionUID = 1L;

    public InvalidHypervisorType(String message) {
        super(message);
    }

    public InvalidHypervisorType(String message, Throwable cause) {
        super(message, cause);
    }
}
