package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.core.exception.NoActiveMigrationForInstance;
import dev.novalibvirt.libvirt.host.JobState;
import org.junit.jupiter.api.Test;

/** Nova's active_migrations with live_migration_abort and live_migration_force_complete. */
class ActiveMigrationsTest {
    private static final Instance INSTANCE = StepFixture.instance();

    /** A waiter that says whether it handles abort/force-complete itself. */
    private record Waiter(boolean handles) implements MigrationJobWaiter {
        @Override
        public JobState awaitOutcome(Instance instance, dev.novalibvirt.libvirt.host.Guest guest,
                                     java.util.concurrent.Future<?> operation) {
            return JobState.COMPLETED;
        }

        @Override public boolean forceComplete(Instance instance) { return handles; }
        @Override public boolean abort(Instance instance) { return handles; }
    }

    @Test
    void withoutAMigrationAbortAndForceCompleteAreNoActiveMigrationForInstance() {
        ActiveMigrations active = new ActiveMigrations(new Waiter(false), "host-a");
        assertThatThrownBy(() -> active.abort(INSTANCE)).isInstanceOf(NoActiveMigrationForInstance.class)
                .hasMessageContaining(INSTANCE.uuid()).hasMessageContaining("host-a");
        assertThatThrownBy(() -> active.forceComplete(INSTANCE)).isInstanceOf(NoActiveMigrationForInstance.class);
    }

    @Test
    void aWaiterThatDoesNotHandleThemLeavesAbortToLibvirtAndForceCompleteToAPause() {
        ActiveMigrations active = new ActiveMigrations(new Waiter(false), "host-a");
        FakeGuest guest = new FakeGuest(INSTANCE.name(), "<domain/>").running();
        ActiveMigrations.Entry entry = active.register(INSTANCE, guest);
        assertThat(entry.start()).as("the migrate call is made").isTrue();
        active.forceComplete(INSTANCE);
        active.abort(INSTANCE);
        assertThat(guest.calls()).containsExactly("pause", "abortJob");
        assertThat(entry.pausedByForceComplete()).isTrue();
        assertThat(entry.abortRequested()).isTrue();
    }

    @Test
    void aWaiterThatHandlesThemIsAskedAndTheGuestIsLeftAlone() {
        ActiveMigrations active = new ActiveMigrations(new Waiter(true), "host-a");
        FakeGuest guest = new FakeGuest(INSTANCE.name(), "<domain/>").running();
        ActiveMigrations.Entry entry = active.register(INSTANCE, guest);
        assertThat(entry.start()).as("the migrate call is made").isTrue();
        active.forceComplete(INSTANCE);
        active.abort(INSTANCE);
        assertThat(guest.calls()).isEmpty();
        assertThat(entry.pausedByForceComplete()).isFalse();
        assertThat(entry.abortRequested()).as("an abort we sent still makes the outcome 'cancelled'").isTrue();
    }

    @Test
    void aForceCompleteBeforeAWatchingWaiterHasTheJobIsRefusedAsNotRunningYetAndNeverPausesTheGuest() {
        MigrationJobWaiter notWatchingYet = new MigrationJobWaiter() {
            @Override
            public JobState awaitOutcome(Instance instance, dev.novalibvirt.libvirt.host.Guest guest,
                                         java.util.concurrent.Future<?> operation) {
                return JobState.COMPLETED;
            }

            @Override
            public boolean watchesJobs() {
                return true;
            }
        };
        ActiveMigrations active = new ActiveMigrations(notWatchingYet, "host-a");
        FakeGuest guest = new FakeGuest(INSTANCE.name(), "<domain/>").running();
        ActiveMigrations.Entry entry = active.register(INSTANCE, guest);
        assertThatThrownBy(() -> active.forceComplete(INSTANCE)).isInstanceOf(NoActiveMigrationForInstance.class)
                .hasMessageContaining("not running (not yet");
        assertThat(entry.start()).as("the migrate call is made").isTrue();
        assertThatThrownBy(() -> active.forceComplete(INSTANCE)).isInstanceOf(NoActiveMigrationForInstance.class);
        assertThat(guest.calls()).as("a guest paused before libvirt's Prepare phase arrives paused").isEmpty();
        assertThat(entry.pausedByForceComplete()).isFalse();
    }

    @Test
    void anInstanceMigratesOnceAtATimeAndCanMigrateAgainAfterwards() {
        ActiveMigrations active = new ActiveMigrations(new Waiter(false), "host-a");
        FakeGuest guest = new FakeGuest(INSTANCE.name(), "<domain/>").running();
        active.register(INSTANCE, guest);
        assertThatThrownBy(() -> active.register(INSTANCE, guest)).isInstanceOf(MigrationError.class)
                .hasMessageContaining("already migrating");
        active.remove(INSTANCE);
        active.register(INSTANCE, guest);
    }

    @Test
    void anAbortBeforeTheMigrateCallOnlyStopsTheCallFromBeingMade() {
        ActiveMigrations active = new ActiveMigrations(new Waiter(true), "host-a");
        FakeGuest guest = new FakeGuest(INSTANCE.name(), "<domain/>").running();
        ActiveMigrations.Entry entry = active.register(INSTANCE, guest);
        active.abort(INSTANCE);
        assertThat(entry.start()).isFalse();
        assertThat(entry.abortRequested()).isTrue();
        assertThat(guest.calls()).isEmpty();
    }

    /** Issue 11: between the migrate call's start and its monitor watching, an abort is retried, not sent to libvirt. */
    @Test
    void anAbortWhileTheMonitorIsNotWatchingYetIsRetriedNotSentToLibvirt() {
        MigrationJobWaiter notYet = new MigrationJobWaiter() {
            @Override
            public JobState awaitOutcome(Instance instance, dev.novalibvirt.libvirt.host.Guest guest,
                                         java.util.concurrent.Future<?> operation) {
                return JobState.COMPLETED;
            }

            @Override public boolean abort(Instance instance) { return false; }
            @Override public boolean watchesJobs() { return true; }
        };
        ActiveMigrations active = new ActiveMigrations(notYet, "host-a");
        FakeGuest guest = new FakeGuest(INSTANCE.name(), "<domain/>").running();
        ActiveMigrations.Entry entry = active.register(INSTANCE, guest);
        assertThat(entry.start()).isTrue();
        assertThatThrownBy(() -> active.abort(INSTANCE)).isInstanceOf(NoActiveMigrationForInstance.class)
                .hasMessageContaining("starting");
        assertThat(guest.calls()).isEmpty();
        assertThat(entry.abortRequested()).isFalse();
    }
}
