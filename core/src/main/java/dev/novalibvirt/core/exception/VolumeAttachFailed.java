package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.VolumeAttachFailed} ("Volume %(volume_id)s could not be attached. Reason:
 * %(reason)s"). Nova's libvirt driver re-raises libvirt's own error instead; here that error is the cause.
 */
public class VolumeAttachFailed extends Invalid {
    private static final long serialVersionUID = 1L;
    private final String volumeId;
    private final String reason;

    public VolumeAttachFailed(String volumeId, String reason) {
        this(volumeId, reason, null);
    }

    public VolumeAttachFailed(String volumeId, String reason, Throwable cause) {
        super("Volume " + volumeId + " could not be attached. Reason: " + reason, cause);
        this.volumeId = volumeId;
        this.reason = reason;
    }

    public String volumeId() {
        return volumeId;
    }

    public String reason() {
        return reason;
    }
}
