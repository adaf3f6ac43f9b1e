package dev.novalibvirt.rbd.fence;

import dev.novalibvirt.core.exception.NovaException;

/** Fencing could not be done or checked (bad address, mon command refused, image not readable). */
public class FenceException extends NovaException {
    private static final long serialVersionUID = 1L;

    public FenceException(String message) {
        super(message);
    }

    public FenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
