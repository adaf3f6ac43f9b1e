package dev.novalibvirt.migration.task.truth;

import java.util.Objects;

/**
 * What one host says about a guest, asked just now: its libvirtd about the domain and the job, its filesystem about
 * the instance dir.
 *
 * @param host        the compute host
 * @param reachable   false when the host could not be asked; the other fields are then meaningless
 * @param presence    the domain's presence
 * @param persistent  the domain has a persistent definition (survives its QEMU's exit)
 * @param job         libvirt's job type on the domain ({@link JobType#active()}: a migration still under way)
 * @param instanceDir whether {@code instances_path/<uuid>} exists there
 * @param detail      why it is unreachable, or empty
 */
public record HostView(String host, boolean reachable, DomainPresence presence, boolean persistent, JobType job,
                       InstanceDir instanceDir, String detail) {
    public HostView {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(instanceDir, "instanceDir");
        detail = detail == null ? "" : detail;
    }

    /** libvirt runs a job on the domain (a migration still under way). */
    public boolean jobActive() {
        return job.active();
    }

    public static HostView of(String host, DomainPresence presence, boolean persistent, JobType job,
                              InstanceDir instanceDir) {
        return new HostView(host, true, presence, persistent, job, instanceDir, "");
    }

    /** A look that knows only whether a job is active (a migration's job is UNBOUNDED) and not the dir. */
    public static HostView of(String host, DomainPresence presence, boolean persistent, boolean jobActive) {
        return of(host, presence, persistent, jobActive ? JobType.UNBOUNDED : JobType.NONE, InstanceDir.UNKNOWN);
    }

    public static HostView unreachable(String host, String why) {
        return new HostView(host, false, DomainPresence.ABSENT, false, JobType.NONE, InstanceDir.UNKNOWN, why);
    }

    /** For logs and reports: {@code host-b: RUNNING persistent job=NONE dir=PRESENT}. */
    public String summary() {
        if (!reachable) {
            return host + ": unreachable (" + detail + ")";
        }
        return host + ": " + presence + (persistent ? " persistent" : " transient") + " job=" + job + " dir="
                + instanceDir;
    }
}
