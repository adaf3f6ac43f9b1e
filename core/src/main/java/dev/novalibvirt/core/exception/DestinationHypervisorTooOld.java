package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.DestinationHypervisorTooOld}: the destination hypervisor is older than the source's.
 */
public class DestinationHypervisorTooOld extends Invalid {
    private static final long serialVersionUID = 1L;

    public DestinationHypervisorTooOld(String message) {
        super(message);
    }

    public DestinationHypervisorTooOld(String message, Throwable cause) {
        super(message, cause);
    }
}
