package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.DevicePathInUse} ("The supplied device path (%(path)s) is in use."), which Nova's
 * {@code compute.utils.get_device_name_for_instance} raises for a requested device the guest already has.
 */
public class DevicePathInUse extends Invalid {
    private static final long serialVersionUID = 1L;

    public DevicePathInUse(String path) {
        super("The supplied device path (" + path + ") is in use.");
    }
}
