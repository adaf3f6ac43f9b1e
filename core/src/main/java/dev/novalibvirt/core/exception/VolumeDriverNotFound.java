package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.VolumeDriverNotFound} ("Could not find a handler for %(driver_type)s volume."):
 * a volume's {@code driver_volume_type} is not one this library connects (only {@code rbd}).
 */
public class VolumeDriverNotFound extends NotFound {
    private static final long serialVersionUID = 1L;

    public VolumeDriverNotFound(String driverType) {
        super("Could not find a handler for " + driverType + " volume.");
    }
}
