package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.InstanceExists}: a domain with this instance's name is already defined on the host.
 */
public class InstanceExists extends NovaException {
    private static final long serialVersionUID = 1L;

    public InstanceExists(String message) {
        super(message);
    }

    public InstanceExists(String message, Throwable cause) {
        super(message, cause);
    }
}
