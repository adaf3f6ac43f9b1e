package dev.novalibvirt.migration.task.truth;

/**
 * Asks one host's hypervisor about a guest and mends its domain where recovery needs it; the libvirt driver module
 * implements it over its Host/Guest ports. {@link #view} never throws: an unreachable host is a {@link HostView}.
 */
public interface HostProbe {

    /** What the host has of domain {@code domainName} right now. */
    HostView view(String domainName);

    /** Resumes a paused domain (a force-complete's pause outlived its migration). */
    void resume(String domainName);

    /** Defines the running domain persistently from its live XML (a transient survivor would vanish at its exit). */
    void persist(String domainName);

    /** Stops the domain's QEMU without undefining it (the other host owns the guest now). */
    void powerOff(String domainName);
}
