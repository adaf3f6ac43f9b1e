package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.DeviceDetachFailed} ("Device detach failed for %(device)s: %(reason)s"): libvirt
 * reported the detach failed, or the device was still in the guest after every attempt.
 */
public class DeviceDetachFailed extends NovaException {
    private static final long serialVersionUID = 1L;
    private final String device;
    private final String reason;

    public DeviceDetachFailed(String device, String reason) {
        super("Device detach failed for " + device + ": " + reason);
        this.device = device;
        this.reason = reason;
    }

    public String device() {
        return device;
    }

    public String reason() {
        return reason;
    }
}
