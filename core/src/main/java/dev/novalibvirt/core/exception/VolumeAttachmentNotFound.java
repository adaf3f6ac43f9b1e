package dev.novalibvirt.core.exception;

/** Mirrors {@code nova.exception.VolumeAttachmentNotFound} ("Volume attachment %(attachment_id)s could not be found."). */
public class VolumeAttachmentNotFound extends NotFound {
    private static final long serialVersionUID = 1L;

    public VolumeAttachmentNotFound(String attachmentId) {
        super("Volume attachment " + attachmentId + " could not be found.");
    }
}
