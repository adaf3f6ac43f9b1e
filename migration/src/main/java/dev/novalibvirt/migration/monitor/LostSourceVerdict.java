package dev.novalibvirt.migration.monitor;

import java.util.Optional;

/**
 * What the monitor concludes once the source libvirtd answers again after it went away mid-job; pure, so the table
 * is unit-tested. A restarted libvirtd recovers a running outgoing job or cancels it (resuming the guest); the
 * guest itself is the truth when the job is gone: a guest running here kept running, a guest active only on the
 * destination was handed over. Where neither host proves it, the verdict is {@link Kind#UNKNOWN}, never a guess.
 *
 * @param kind   the verdict
 * @param reason why, for the log and the outcome
 */
public record LostSourceVerdict(Kind kind, String reason) {

    /** The verdicts. */
    public enum Kind {
        /** The job is still there: monitor it as before. */
        CONTINUE,
        /** The guest runs on the destination only. */
        COMPLETED,
        /** The job is gone and the guest still runs here only. */
        FAILED,
        /** Neither host proves where the guest is. */
        UNKNOWN
    }

    /**
     * @param job         the source's job after the reconnect (a vanished domain reads COMPLETED, see
     *                    {@link MigrationGuest#jobInfo()})
     * @param source      the domain's state on the source
     * @param destination whether it is active on the destination; empty when the destination cannot say
     */
    public static LostSourceVerdict decide(JobType job, GuestState source, Optional<Boolean> destination) {
        if (job == JobType.BOUNDED || job == JobType.UNBOUNDED) {
            return new LostSourceVerdict(Kind.CONTINUE, "the job survived the source libvirtd's restart");
        }
        if (job == JobType.FAILED || job == JobType.CANCELLED) {
            return new LostSourceVerdict(Kind.CONTINUE, "the job ended " + job + " (reported as usual)");
        }
        boolean here = source.isActive();
        if (destination.isPresent() && destination.get()) {
            return here
                    ? new LostSourceVerdict(Kind.UNKNOWN, "the guest is active on both hosts (source " + source + ")")
                    : new LostSourceVerdict(Kind.COMPLETED, "the guest runs on the destination and not here ("
                            + source + ")");
        }
        if (destination.isPresent()) {
            return here
                    ? new LostSourceVerdict(Kind.FAILED, "the job is gone and the guest still runs here (" + source
                            + "), not on the destination")
                    : new LostSourceVerdict(Kind.UNKNOWN, "the guest is active on neither host (source " + source + ")");
        }
        // a source guest that is running (not paused) was never handed over: QEMU stops it before the switch
        return source == GuestState.RUNNING
                ? new LostSourceVerdict(Kind.FAILED, "the job is gone and the guest still runs here")
                : new LostSourceVerdict(Kind.UNKNOWN, "the job is gone, the source reads " + source
                        + " and the destination cannot say");
    }
}
