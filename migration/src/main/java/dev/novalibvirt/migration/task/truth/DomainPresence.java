package dev.novalibvirt.migration.task.truth;

/** What one host's libvirt has of the guest's domain. */
public enum DomainPresence {
    /** No domain of that name. */
    ABSENT,
    /** Defined but not running (shut off, crashed): restartable there. */
    DEFINED,
    /** Running (or blocked). */
    RUNNING,
    /** QEMU runs but the vCPUs are paused (an incoming migration, post-copy's source, a force-complete). */
    PAUSED;

    /** A QEMU process exists for it. */
    public boolean active() {
        return this == RUNNING || this == PAUSED;
    }
}
