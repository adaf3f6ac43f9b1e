package dev.novalibvirt.core.exception;

/** Mirrors {@code nova.exception.DeviceNotFound} ("Device '%(device)s' not found."): a guest has no such device. */
public class DeviceNotFound extends NotFound {
    private static final long serialVersionUID = 1L;
    private final String device;

    public DeviceNotFound(String device) {
        super("Device '" + device + "' not found.");
        this.device = device;
    }

    public DeviceNotFound(String device, Throwable cause) {
        super("Device '" + device + "' not found.", cause);
        this.device = device;
    }

    /** The device as the caller named it, e.g. {@code vdb}. */
    public String device() {
        return device;
    }
}
