package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.core.exception.NoActiveMigrationForInstance;
import dev.novalibvirt.libvirt.host.Guest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nova's {@code active_migrations}: the migrations running from this host, so that {@code live_migration_abort}
 * and {@code live_migration_force_complete} from another thread find them. Each entry remembers what was asked of
 * it, because the outcome depends on it (an abort we sent means "cancelled"; a pause we made must be undone).
 */
final class ActiveMigrations {
    /** One running migration; the flags are written by abort/force-complete and read by the migrating thread. */
    static final class Entry {
        private final Guest guest;
        private volatile boolean pausedByForceComplete;
        private volatile boolean abortRequested;
        private boolean started;

        private Entry(Guest guest) {
            this.guest = guest;
        }

        Guest guest() {
            return guest;
        }

        /** Nova's "unpause" recover task is due. */
        boolean pausedByForceComplete() {
            return pausedByForceComplete;
        }

        boolean abortRequested() {
            return abortRequested;
        }

        /** The migrate call is about to be made; false when an abort came first (then it must not be made). */
        synchronized boolean start() {
            if (abortRequested) {
                return false;
            }
            started = true;
            return true;
        }

        /** Records an abort; true when the migrate call had not been made yet (nothing to tell libvirt). */
        private synchronized boolean abortBeforeStart() {
            if (started) {
                return false;
            }
            abortRequested = true;
            return true;
        }
    }

    private final Map<String, Entry> running = new ConcurrentHashMap<>();
    private final MigrationJobWaiter jobWaiter;
    private final String hostName;

    ActiveMigrations(MigrationJobWaiter jobWaiter, String hostName) {
        this.jobWaiter = jobWaiter;
        this.hostName = hostName;
    }

    /** @throws MigrationError when the instance is already migrating from here */
    Entry register(Instance instance, Guest guest) {
        Entry entry = new Entry(guest);
        if (running.putIfAbsent(instance.uuid(), entry) != null) {
            throw new MigrationError("instance " + instance.uuid() + " is already migrating");
        }
        return entry;
    }

    void remove(Instance instance) {
        running.remove(instance.uuid());
    }

    /**
     * Nova's {@code live_migration_abort}: before the migrate call it only stops the call from being made; then
     * through the job waiter when it watches the job, else libvirt's abort. The entry is marked only once libvirt took
     * the abort.
     */
    void abort(Instance instance) {
        Entry entry = find(instance);
        if (entry.abortBeforeStart()) {
            return; // registered, XML being rewritten: the executor will not start the job (Nova's queued abort)
        }
        if (!jobWaiter.abort(instance)) {
            if (jobWaiter.watchesJobs()) {
                // its monitor is not watching yet, and libvirt would refuse an abort of a job not created yet:
                // the caller retries (the task does), and the monitor then holds it until the job runs
                throw new NoActiveMigrationForInstance("the live migration of " + instance.uuid() + " on "
                        + hostName + " is starting: abort it again in a moment");
            }
            entry.guest.abortJob();
        }
        entry.abortRequested = true; // only once libvirt took it (a refused abort must not read as "cancelled")
    }

    /**
     * Nova's {@code live_migration_force_complete}: the job waiter switches to post-copy or pauses; without one
     * that handles it, the guest is paused here so the remaining dirty memory converges. A waiter that watches jobs
     * but does not watch this one yet (the XML is being rewritten, the migrate call is starting) refuses it as
     * NoActiveMigrationForInstance, which a caller retries (the task does): Nova queues it for the monitor.
     */
    void forceComplete(Instance instance) {
        Entry entry = find(instance);
        if (jobWaiter.forceComplete(instance)) {
            return;
        }
        if (jobWaiter.watchesJobs()) {
            throw new NoActiveMigrationForInstance("the live migration of " + instance.uuid() + " on " + hostName
                    + " is not running (not yet, or no longer): force-complete it while its job runs");
        }
        entry.guest.pause();
        entry.pausedByForceComplete = true;
    }

    private Entry find(Instance instance) {
        Entry entry = running.get(instance.uuid());
        if (entry == null) {
            throw new NoActiveMigrationForInstance("No active migration for instance " + instance.uuid() + " on "
                    + hostName);
        }
        return entry;
    }
}
