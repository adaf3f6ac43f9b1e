package dev.novalibvirt.rbd.glance;

import dev.novalibvirt.core.exception.NovaException;

/**
 * Glance could not be reached or answered with an error; mirrors {@code nova.exception.GlanceConnectionFailed}
 * for transport failures and carries the HTTP status otherwise (0 when there was none).
 */
public class GlanceError extends NovaException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;

    public GlanceError(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
