package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.host.JobState;
import java.util.concurrent.Future;

/**
 * The seam between the driver's {@code liveMigration} and whatever watches the running job (Nova's
 * {@code _live_migration_monitor}). It blocks until the job ends and says how: {@link JobState#COMPLETED},
 * {@link JobState#FAILED} or {@link JobState#CANCELLED}. libvirt's job state is the truth, not the return of
 * {@code migrateToURI3}. The monitor module plugs its full monitor in here.
 */
@FunctionalInterface
public interface MigrationJobWaiter {
    /**
     * @param instance  the migrating instance
     * @param guest     its domain on the source
     * @param operation the thread running {@code migrateToURI3}; done when libvirt's call returned
     * @return COMPLETED, FAILED or CANCELLED
     */
    JobState awaitOutcome(Instance instance, Guest guest, Future<?> operation);

    /**
     * The same, knowing the destination's libvirt URI (the one the source libvirtd connects to, so reachable from
     * this host): a waiter that loses the source mid-job can ask the destination where the guest runs.
     *
     * @throws MigrationOutcomeUnknown when the job's end cannot be established
     */
    default JobState awaitOutcome(Instance instance, Guest guest, Future<?> operation, String destinationUri) {
        return awaitOutcome(instance, guest, operation);
    }

    /**
     * Whether the migration of {@code instance} that this waiter last watched had switched to post-copy when it
     * ended; asked once, right after {@link #awaitOutcome} returned or threw. False for a waiter that never
     * switches.
     */
    default boolean switchedToPostCopy(Instance instance) {
        return false;
    }

    /**
     * Called right before the migrate call starts, on the driver's thread: a waiter that needs something of the
     * guest before the migration job holds it (our dirty-rate calculation) does it here. Nova has no such step.
     */
    default void beforeMigrate(Instance instance, Guest guest) {
    }

    /**
     * Nova's {@code live_migration_force_complete} for a migration this waiter is watching; false when it does not
     * handle force-complete (the driver then pauses the guest itself) or, for a waiter that
     * {@link #watchesJobs() watches jobs}, does not watch this one yet.
     */
    default boolean forceComplete(Instance instance) {
        return false;
    }

    /**
     * True when this waiter takes force-complete for every migration it watches. A request that comes before it
     * watches the job is then refused as not running yet instead of pausing the guest directly: a guest paused
     * before libvirt's Prepare phase makes libvirt start the destination paused too ({@code VIR_MIGRATE_PAUSED}),
     * and the migration then "completes" with the guest paused on the destination (issue 11).
     */
    default boolean watchesJobs() {
        return false;
    }

    /**
     * Nova's {@code live_migration_abort} for a migration this waiter is watching; false when it does not handle
     * abort (the driver then aborts the job itself).
     */
    default boolean abort(Instance instance) {
        return false;
    }
}
