package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.DiskNotFound} ("No disk at %(location)s"): an instance disk the caller
 * expected does not exist in the image backend.
 */
public class DiskNotFound extends NotFound {
    private static final long serialVersionUID = 1L;

    public DiskNotFound(String location) {
        super("No disk at " + location);
    }
}
