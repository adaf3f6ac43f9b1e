package dev.novalibvirt.migration.task.truth;

/**
 * libvirt's {@code virDomainJobType} of a domain's current job, as {@code virDomainGetJobInfo} reports it: a
 * migration runs as {@link #UNBOUNDED}; the last three are what a finished job leaves.
 */
public enum JobType {
    NONE, BOUNDED, UNBOUNDED, COMPLETED, FAILED, CANCELLED;

    /** A job still runs on the domain (libvirt's BOUNDED or UNBOUNDED). */
    public boolean active() {
        return this == BOUNDED || this == UNBOUNDED;
    }
}
