package dev.novalibvirt.core.exception;

/** Mirrors {@code nova.exception.ImageNotFound} ("Image %(image_id)s could not be found."): a Glance image. */
public class ImageNotFound extends NotFound {
    private static final long serialVersionUID = 1L;

    public ImageNotFound(String imageId) {
        super("Image " + imageId + " could not be found.");
    }
}
