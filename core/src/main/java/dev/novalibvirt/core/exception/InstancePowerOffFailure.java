package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.InstancePowerOffFailure}: the hypervisor did not power the guest off in time.
 */
public class InstancePowerOffFailure extends NovaException {
    private static final long serialVersionUID = 1L;

    public InstancePowerOffFailure(String message) {
        super(message);
    }

    public InstancePowerOffFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
