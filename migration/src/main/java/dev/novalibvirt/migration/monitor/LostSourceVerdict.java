package dev.novalibvirt.migration.monitor;

import java.util.Optional;

/**
 * What the monitor concludes once the source libvirtd answers again after it went away mid-job; pure, so the table
 * is unit-tested. A restarted libvirtd ({@code qemuProcessReconnect}, {@code qemuProcessRecoverMigrationOut}) forgets
 * a job still in its Begin phase, cancels one in Perform and resumes the guest, leaves the guest paused when QEMU had
 * sent everything but the destination's Finish was not heard (a third party must decide), resumes it when Finish
 * failed, and stops it as migrated when the job was confirming. When it cannot reattach to QEMU at all it stops the
 * domain too, with whatever reason it can give; a libvirtd killed while it stopped a migrated guest (QEMU already gone,
 * its own records not yet written) leaves it shut off with reason "unknown" and its definition kept. The guest itself
 * is the truth when the job is gone or ended with the source stopped: a guest running here kept running, a guest
 * running (not paused) only on the destination was handed over (the destination resumes it only in Finish). A guest
 * paused there proves nothing: an incoming domain still in Prepare (its libvirtd kills it once the source's
 * connection drops, maybe not yet) or one paused by a failed post-copy reads so.
 * Where neither host proves it, the verdict is {@link Kind#UNKNOWN}, never a guess.
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
        /** The job is gone or failed and the guest is here only: running, or stopped (its QEMU is gone). */
        FAILED,
        /** Neither host proves where the guest is. */
        UNKNOWN
    }

    /**
     * @param job         the source's job after the reconnect (a vanished domain reads COMPLETED, see
     *                    {@link MigrationGuest#jobInfo()})
     * @param source      the domain's state on the source
     * @param destination its state on the destination ({@link GuestState#GONE}: none); empty when it cannot say
     */
    public static LostSourceVerdict decide(JobType job, GuestState source, Optional<GuestState> destination) {
        if (job == JobType.BOUNDED || job == JobType.UNBOUNDED) {
            return new LostSourceVerdict(Kind.CONTINUE, "the job survived the source libvirtd's restart");
        }
        boolean here = source.isActive();
        if (job == JobType.FAILED || job == JobType.CANCELLED) {
            return here ? new LostSourceVerdict(Kind.CONTINUE, "the job ended " + job + " (reported as usual)")
                    : stoppedHere(job, source, destination);
        }
        if (destination.isPresent() && destination.get() == GuestState.RUNNING) {
            return here
                    ? new LostSourceVerdict(Kind.UNKNOWN, "the guest is active on both hosts (source " + source + ")")
                    : new LostSourceVerdict(Kind.COMPLETED, "the guest runs on the destination and not here ("
                            + source + ")");
        }
        if (destination.isPresent() && destination.get().isActive()) {
            return new LostSourceVerdict(Kind.UNKNOWN, pausedThere(destination.get()) + " (source " + source + ")");
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

    /**
     * The job reads {@code job} because the source domain is no longer active: that is libvirt's word on a stopped
     * domain, not on the migration. A guest running on the destination was handed over (libvirt stopped the source
     * as migrated and its restart lost the reason); one paused there proves nothing; one active nowhere is stopped
     * here.
     */
    private static LostSourceVerdict stoppedHere(JobType job, GuestState source, Optional<GuestState> destination) {
        if (destination.isEmpty()) {
            return new LostSourceVerdict(Kind.UNKNOWN, "the job reads " + job + " with the guest " + source
                    + " here and the destination cannot say whether it runs there");
        }
        GuestState there = destination.get();
        if (there == GuestState.RUNNING) {
            return new LostSourceVerdict(Kind.COMPLETED, "the guest runs on the destination and is " + source
                    + " here (the job read " + job + " from the stopped source)");
        }
        return there.isActive()
                ? new LostSourceVerdict(Kind.UNKNOWN, pausedThere(there) + " and " + source + " here (the job read "
                        + job + ")")
                : new LostSourceVerdict(Kind.FAILED, "the guest is " + source + " here, its QEMU gone, and not on "
                        + "the destination");
    }

    /**
     * A destination domain that is active but not running was not proven handed over: an incoming domain still in
     * libvirt's Prepare phase (killed once the source's connection drops), or one paused by a failed post-copy.
     * Completing would undefine the source, rolling back would destroy it: a person decides.
     */
    private static String pausedThere(GuestState there) {
        return "the guest is " + there + " on the destination, not running (an incoming domain libvirt may still "
                + "kill, or a failed post-copy)";
    }
}
