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

    /** Nova's {@code live_migration_abort}: through the job waiter when it watches the job, else libvirt's abort. */
    void abort(Instance instance) {
        Entry entry = find(instance);
        if (!jobWaiter.abort(instance)) {
            entry.guest.abortJob();
        }
        entry.abortRequested = true;
    }

    /**
     * Nova's {@code live_migration_force_complete}: the job waiter switches to post-copy or pauses; without one
     * that handles it, the guest is paused here so the remaining dirty memory converges.
     */
    void forceComplete(Instance instance) {
        Entry entry = find(instance);
        if (jobWaiter.forceComplete(instance)) {
            return;
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
