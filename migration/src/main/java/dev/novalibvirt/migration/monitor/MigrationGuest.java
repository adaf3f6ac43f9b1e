package dev.novalibvirt.migration.monitor;

/**
 * The source domain of a running migration, as the monitor drives it; the seam between the pure monitor and
 * libvirt (Nova's {@code guest.Guest} methods used by {@code _live_migration_monitor}).
 *
 * <p>Implementations must be safe to call from several threads (abort and force-complete come from other
 * threads than the monitor's). Failures are thrown as {@link MigrationGuestException}.
 */
public interface MigrationGuest {

    /** The domain name, for events and logs. */
    String name();

    /**
     * Nova's {@code guest.get_job_info()}: the job statistics, {@link JobType#COMPLETED} when the domain is gone
     * (a transient guest disappears with the migration), {@link JobType#NONE} when no job runs.
     */
    JobInfo jobInfo();

    /** The domain's state; {@link GuestState#GONE} when it no longer exists. */
    GuestState state();

    /** {@code virDomainMigrateSetMaxDowntime}. */
    void setMaxDowntime(long ms);

    /** {@code virDomainMigrateStartPostCopy}. */
    void startPostCopy();

    /** {@code virDomainSuspend}. */
    void pause();

    /** {@code virDomainResume}. */
    void resume();

    /** {@code virDomainAbortJob}. */
    void abortJob();

    /**
     * The guest's memory dirty rate as measured by the calculation started for this migration
     * ({@code virDomainStartDirtyRateCalc} before the migrate call, read from the {@code VIR_DOMAIN_STATS_DIRTYRATE}
     * statistics); UNSTARTED while it is still to be started, UNAVAILABLE when none was or can be. Nova has no
     * such call (ours, for {@link DirtyRatePrediction}). Must not block behind the migration job.
     */
    default DirtyRateSample dirtyRate() {
        return DirtyRateSample.unavailable("this guest does not measure its dirty rate");
    }
}
