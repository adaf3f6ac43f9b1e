package dev.novalibvirt.libvirt.host;

import dev.novalibvirt.core.exception.InternalError;

/**
 * Mirrors {@code nova.exception.HypervisorUnavailable}: the connection to libvirtd is lost (the daemon restarted,
 * died or its keepalive timed out) and not yet re-established. Calls in flight when it broke end with this, never
 * with libvirt's own error; later calls reconnect (see {@link Host}). An {@link InternalError} so that callers
 * that handle every libvirt failure alike keep working.
 */
public class HypervisorUnavailable extends InternalError {
    private static final long serialVersionUID = 1L;

    public HypervisorUnavailable(String message) {
        super(message);
    }

    public HypervisorUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
