package dev.novalibvirt.migration.task.truth;

import dev.novalibvirt.core.driver.Instance;

/**
 * Asks one host about a guest and mends its domain where recovery needs it. The libvirt driver module implements it
 * over its Host/Guest ports (in-process), the rpc module over the host's agent (remote). {@link #view} never throws:
 * a host that cannot be asked is a {@link HostView#unreachable} one. The mending methods throw when they fail;
 * recovery records the step as pending.
 */
public interface HostProbe {

    /** What the host has of the instance's domain and dir right now. */
    HostView view(Instance instance);

    /** Resumes the paused domain (a force-complete's pause outlived its migration). */
    void resume(Instance instance);

    /** Defines the running domain persistently from its live XML (a transient survivor would vanish at its exit). */
    void persist(Instance instance);

    /** Stops the domain's QEMU without undefining it (the other host owns the guest now); no domain is no error. */
    void powerOff(Instance instance);
}
