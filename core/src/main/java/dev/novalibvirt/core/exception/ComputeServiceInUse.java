package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.ComputeServiceInUse} ("Compute service of %(host)s is still in use."): Nova's
 * evacuate API refuses a host whose compute service is up; here, a host that is not fenced (its guests' QEMU could
 * still write their disks) is refused the same way.
 */
public class ComputeServiceInUse extends NovaException {
    private static final long serialVersionUID = 1L;

    public ComputeServiceInUse(String message) {
        super(message);
    }
}
