package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.ResizeError} ("Resize error: %(reason)s"). Image backends only grow disks;
 * a shrinking resize is refused with this exception and the disk is left as it was.
 */
public class ResizeError extends NovaException {
    private static final long serialVersionUID = 1L;

    public ResizeError(String reason) {
        super("Resize error: " + reason);
    }
}
