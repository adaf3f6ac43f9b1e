package dev.novalibvirt.rbd.cinder;

import dev.novalibvirt.core.exception.NovaException;

/**
 * Mirrors {@code nova.exception.CinderConnectionFailed} ("Connection to cinder host failed: %(reason)s") for
 * transport failures, and carries the HTTP status of any other error answer (0 when there was none).
 */
public class CinderConnectionFailed extends NovaException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;

    public CinderConnectionFailed(String reason, int httpStatus, Throwable cause) {
        super("Connection to cinder host failed: " + reason, cause);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
