package dev.novalibvirt.core.exception;

/** Mirrors {@code nova.exception.VolumeNotFound} ("Volume %(volume_id)s could not be found."). */
public class VolumeNotFound extends NotFound {
    private static final long serialVersionUID = 1L;

    public VolumeNotFound(String volumeId) {
        super("Volume " + volumeId + " could not be found.");
    }
}
