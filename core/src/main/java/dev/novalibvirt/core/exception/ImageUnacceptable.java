package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.ImageUnacceptable} ("Image %(image_id)s is unacceptable: %(reason)s"),
 * raised by Nova's {@code rbd_utils.parse_url} and {@code imagebackend.Rbd.clone} for a location that is not
 * an RBD snapshot or an image that cannot be cloned.
 */
public class ImageUnacceptable extends Invalid {
    private static final long serialVersionUID = 1L;
    private final String imageId;

    public ImageUnacceptable(String imageId, String reason) {
        super("Image " + imageId + " is unacceptable: " + reason);
        this.imageId = imageId;
    }

    /** The image (or location) that was refused. */
    public String imageId() {
        return imageId;
    }
}
