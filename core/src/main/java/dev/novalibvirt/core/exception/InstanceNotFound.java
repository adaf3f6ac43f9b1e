package dev.novalibvirt.core.exception;

/** Mirrors {@code nova.exception.InstanceNotFound}: the hypervisor has no domain for the instance. */
public class InstanceNotFound extends NotFound {
    private static final long serialVersionUID = 1L;
    private final String instanceId;

    public InstanceNotFound(String instanceId) {
        super("Instance " + instanceId + " could not be found.");
        this.instanceId = instanceId;
    }

    public InstanceNotFound(String instanceId, Throwable cause) {
        super("Instance " + instanceId + " could not be found.", cause);
        this.instanceId = instanceId;
    }

    public String instanceId() {
        return instanceId;
    }
}
