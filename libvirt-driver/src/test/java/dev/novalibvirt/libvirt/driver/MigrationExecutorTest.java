package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.LiveMigrationCallbacks;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.exception.InvalidHostname;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.host.JobState;
import dev.novalibvirt.libvirt.host.MigrationParams;
import dev.novalibvirt.migration.xml.MonitorAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nova's live_migration on the source: the job state decides between post_method and recover_method. */
class MigrationExecutorTest {
    private static final Instance INSTANCE = StepFixture.instance();
    private static final LibvirtLiveMigrateData MD = LibvirtLiveMigrateData.builder().imageType("rbd")
            .isSharedInstancePath(false).isSharedBlockStorage(true).blockMigration(false)
            .instanceRelativePath(INSTANCE.uuid()).targetConnectAddr("198.18.0.12")
            .dstInstancesPath("/var/lib/nova/instances").build();

    @TempDir
    Path instances;

    /** Waits for the migrate call, runs {@code during} (as another thread's abort would), then answers. */
    private record Waiter(JobState outcome, Consumer<Instance> during) implements MigrationJobWaiter {
        @Override
        public JobState awaitOutcome(Instance instance, Guest guest, Future<?> operation) {
            try {
                operation.get();
            } catch (ExecutionException e) {
                // judged by the job state, as the real waiters do
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            during.accept(instance);
            return outcome;
        }
    }

    /** What the manager's callbacks heard. */
    private static final class Heard implements LiveMigrationCallbacks {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void postMethod(Instance instance, String dest, boolean blockMigration, LibvirtLiveMigrateData md) {
            calls.add("post " + dest);
        }

        @Override
        public void recoverMethod(Instance instance, String dest, LibvirtLiveMigrateData md, MigrationStatus status) {
            calls.add("recover " + status);
        }

        @Override
        public void switchedToPostCopy(Instance instance, String dest) {
            calls.add("post-copy " + dest);
        }
    }

    private Heard migrate(StepFixture a, JobState outcome, Consumer<ActiveMigrations> during) {
        ActiveMigrations[] active = new ActiveMigrations[1];
        MigrationJobWaiter waiter = new Waiter(outcome, i -> during.accept(active[0]));
        active[0] = new ActiveMigrations(waiter, "host-a");
        Heard heard = new Heard();
        try (MigrationExecutor executor = new MigrationExecutor(a.ctx,
                () -> List.of(new MonitorAddress("198.18.0.41", "6789")), waiter, active[0])) {
            executor.liveMigration(INSTANCE, "host-b", heard, false, MD);
        }
        return heard;
    }

    @Test
    void aCompletedJobCallsPostWithTheRewrittenXmlAsDestinationAndPersistentDefinition() {
        StepFixture a = new StepFixture("host-a", instances, "[libvirt]\nlive_migration_bandwidth = 100\n");
        FakeGuest guest = a.withRunningGuest();
        Heard heard = migrate(a, JobState.COMPLETED, active -> { });
        assertThat(heard.calls).containsExactly("post host-b");
        MigrationParams p = guest.migrated.get();
        assertThat(p.connectionUri()).as("the destination's target_connect_addr")
                .isEqualTo("qemu+tcp://198.18.0.12/system");
        assertThat(p.destinationXml()).isEqualTo(p.persistentXml())
                .as("the live monmap replaces the boot-time monitors").contains("198.18.0.41")
                .doesNotContain("198.18.0.31");
        assertThat(p.bandwidthMib()).isEqualTo(100);
    }

    @Test
    void parallelConnectionsReachLibvirtWithThePARALLELFlag() {
        StepFixture a = new StepFixture("host-a", instances, "[libvirt]\nlive_migration_parallel_connections = 4\n");
        FakeGuest guest = a.withRunningGuest();
        migrate(a, JobState.COMPLETED, active -> { });
        MigrationParams p = guest.migrated.get();
        assertThat(p.parallelConnections()).isEqualTo(4);
        assertThat(p.passesParallelConnections()).isTrue();
        assertThat(p.flags() & dev.novalibvirt.migration.flags.MigrationFlag.PARALLEL.bit()).isNotZero();
    }

    @Test
    void theWaiterPreparesBeforeTheMigrateCallStarts() {
        // the dirty-rate calculation takes a modify job: it must be started before the migration job exists
        StepFixture a = new StepFixture("host-a", instances, "");
        FakeGuest guest = a.withRunningGuest();
        List<String> order = new CopyOnWriteArrayList<>();
        MigrationJobWaiter waiter = new MigrationJobWaiter() {
            @Override
            public void beforeMigrate(Instance instance, Guest g) {
                order.add("before migrate, migrate called: " + (guest.migrated.get() != null));
            }

            @Override
            public JobState awaitOutcome(Instance instance, Guest g, Future<?> operation) {
                try {
                    operation.get();
                } catch (ExecutionException e) {
                    // judged by the job state
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                order.add("await");
                return JobState.COMPLETED;
            }
        };
        try (MigrationExecutor executor = new MigrationExecutor(a.ctx,
                () -> List.of(new MonitorAddress("198.18.0.41", "6789")), waiter, new ActiveMigrations(waiter,
                "host-a"))) {
            executor.liveMigration(INSTANCE, "host-b", new Heard(), false, MD);
        }
        assertThat(order).containsExactly("before migrate, migrate called: false", "await");
    }

    @Test
    void theDefaultSingleConnectionSetsNeitherTheFlagNorTheParameter() {
        StepFixture a = new StepFixture("host-a", instances, "");
        FakeGuest guest = a.withRunningGuest();
        migrate(a, JobState.COMPLETED, active -> { });
        MigrationParams p = guest.migrated.get();
        assertThat(p.passesParallelConnections()).isFalse();
        assertThat(p.flags() & dev.novalibvirt.migration.flags.MigrationFlag.PARALLEL.bit()).isZero();
    }

    @Test
    void aFailedJobCallsRecoverAsFailedWhateverTheMigrateCallSaid() {
        StepFixture a = new StepFixture("host-a", instances, "");
        FakeGuest guest = a.withRunningGuest();
        guest.migrateFailure = "operation failed: migration out job: unexpectedly failed";
        assertThat(migrate(a, JobState.FAILED, active -> { }).calls).containsExactly("recover FAILED");
    }

    /** The waiter's word that the job had switched to post-copy reaches the task before its callback (issue 11). */
    @Test
    void aJobThatSwitchedToPostCopyIsSaidSoBeforeItsCallback() {
        StepFixture a = new StepFixture("host-a", instances, "");
        a.withRunningGuest();
        MigrationJobWaiter waiter = new MigrationJobWaiter() {
            @Override
            public JobState awaitOutcome(Instance instance, Guest g, Future<?> operation) {
                try {
                    operation.get();
                } catch (ExecutionException e) {
                    // judged by the job state
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return JobState.FAILED;
            }

            @Override
            public boolean switchedToPostCopy(Instance instance) {
                return true;
            }
        };
        Heard heard = new Heard();
        try (MigrationExecutor executor = new MigrationExecutor(a.ctx,
                () -> List.of(new MonitorAddress("198.18.0.41", "6789")), waiter, new ActiveMigrations(waiter,
                "host-a"))) {
            executor.liveMigration(INSTANCE, "host-b", heard, false, MD);
        }
        // (a waiter that never switches says nothing: aFailedJobCallsRecoverAsFailedWhateverTheMigrateCallSaid)
        assertThat(heard.calls).containsExactly("post-copy host-b", "recover FAILED");
    }

    @Test
    void anAbortWeSentMakesTheEndedJobCancelled() {
        StepFixture a = new StepFixture("host-a", instances, "");
        FakeGuest guest = a.withRunningGuest();
        Heard heard = migrate(a, JobState.NONE, active -> active.abort(INSTANCE));
        assertThat(heard.calls).containsExactly("recover CANCELLED");
        assertThat(guest.calls()).contains("abortJob");
    }

    @Test
    void aGuestPausedByForceCompleteIsResumedWhenTheMigrationFails() {
        StepFixture a = new StepFixture("host-a", instances, "");
        FakeGuest guest = a.withRunningGuest();
        Heard heard = migrate(a, JobState.FAILED, active -> active.forceComplete(INSTANCE));
        assertThat(heard.calls).containsExactly("recover FAILED");
        assertThat(guest.calls()).containsSubsequence("pause", "resume");
        assertThat(guest.info().state()).isEqualTo(dev.novalibvirt.core.driver.PowerState.RUNNING);
    }

    @Test
    void aDestinationNameWithShellMetacharactersIsRefusedBeforeLibvirtIsCalled() {
        StepFixture a = new StepFixture("host-a", instances, "");
        FakeGuest guest = a.withRunningGuest();
        ActiveMigrations active = new ActiveMigrations(new Waiter(JobState.COMPLETED, i -> { }), "host-a");
        try (MigrationExecutor executor = new MigrationExecutor(a.ctx, List::of,
                new Waiter(JobState.COMPLETED, i -> { }), active)) {
            assertThatThrownBy(() -> executor.liveMigration(INSTANCE, "host-b;reboot", new Heard(), false, MD))
                    .isInstanceOf(InvalidHostname.class);
        }
        assertThat(guest.migrated.get()).isNull();
    }

    /** Issue 11's abort race: an abort during the destination-XML rewrite stops the job before libvirt sees it. */
    @Test
    void anAbortArrivingWhileTheDestinationXmlIsRewrittenCancelsWithoutStartingTheJob() {
        StepFixture a = new StepFixture("host-a", instances, "");
        FakeGuest guest = a.withRunningGuest();
        ActiveMigrations[] active = new ActiveMigrations[1];
        MigrationJobWaiter waiter = new Waiter(JobState.COMPLETED, i -> { });
        active[0] = new ActiveMigrations(waiter, "host-a");
        Heard heard = new Heard();
        // the monmap is read during the rewrite: that is where the abort lands
        try (MigrationExecutor executor = new MigrationExecutor(a.ctx, () -> {
            active[0].abort(INSTANCE);
            return List.of(new MonitorAddress("198.18.0.41", "6789"));
        }, waiter, active[0])) {
            executor.liveMigration(INSTANCE, "host-b", heard, false, MD);
        }
        assertThat(heard.calls).containsExactly("recover CANCELLED");
        assertThat(guest.migrated.get()).as("migrateToURI3 never called").isNull();
        assertThat(guest.calls()).doesNotContain("abortJob");
    }

    @Test
    void anAbortLibvirtRefusesDoesNotMakeALaterFailureCancelled() {
        StepFixture a = new StepFixture("host-a", instances, "");
        FakeGuest guest = new FakeGuest(INSTANCE.name(), StepFixture.RBD_DOMAIN) {
            @Override
            public synchronized void abortJob() {
                throw new dev.novalibvirt.core.exception.InternalError("Requested operation is not valid: no job");
            }
        }.running();
        a.host.add(guest);
        Heard heard = migrate(a, JobState.FAILED, active -> {
            try {
                active.abort(INSTANCE);
            } catch (RuntimeException refused) {
                // the caller hears libvirt's refusal
            }
        });
        assertThat(heard.calls).containsExactly("recover FAILED");
    }

    @Test
    void theLiveMonmapIsReadOnAnotherThreadWhileLibvirtIsAskedForTheGuestAndStillEndsUpInTheXml() {
        // issue 16: the monmap read used to wait for its turn after the power state and before the XML fetch
        StepFixture a = new StepFixture("host-a", instances, "");
        FakeGuest guest = a.withRunningGuest();
        List<String> readOn = new CopyOnWriteArrayList<>();
        MigrationJobWaiter waiter = new Waiter(JobState.COMPLETED, i -> { });
        try (MigrationExecutor executor = new MigrationExecutor(a.ctx, () -> {
            readOn.add(Thread.currentThread().getName());
            return List.of(new MonitorAddress("198.18.0.41", "6789"));
        }, waiter, new ActiveMigrations(waiter, "host-a"))) {
            executor.liveMigration(INSTANCE, "host-b", new Heard(), false, MD);
        }
        assertThat(readOn).hasSize(1).allSatisfy(t -> assertThat(t).isNotEqualTo(Thread.currentThread().getName()));
        assertThat(guest.migrated.get().destinationXml()).contains("198.18.0.41").doesNotContain("198.18.0.31");
    }

    @Test
    void aMonmapWithoutMonitorsStillRefusesTheMigrationBeforeTheMigrateCall() {
        StepFixture a = new StepFixture("host-a", instances, "");
        FakeGuest guest = a.withRunningGuest();
        MigrationJobWaiter waiter = new Waiter(JobState.COMPLETED, i -> { });
        ActiveMigrations active = new ActiveMigrations(waiter, "host-a");
        Heard heard = new Heard();
        try (MigrationExecutor executor = new MigrationExecutor(a.ctx, List::of, waiter, active)) {
            assertThatThrownBy(() -> executor.liveMigration(INSTANCE, "host-b", heard, false, MD))
                    .isInstanceOf(dev.novalibvirt.core.exception.NovaException.class)
                    .hasMessageContaining("the Ceph monmap lists no monitors");
        }
        assertThat(guest.migrated.get()).as("no migrate call").isNull();
        assertThat(heard.calls).isEmpty();
    }

    @Test
    void everyPhaseOfLiveMigrationIsHeardOnceInOrder() {
        StepFixture a = new StepFixture("host-a", instances, "");
        a.withRunningGuest();
        List<String> phases = new CopyOnWriteArrayList<>();
        MigrationJobWaiter waiter = new Waiter(JobState.COMPLETED, i -> { });
        try (MigrationExecutor executor = new MigrationExecutor(a.ctx,
                () -> List.of(new MonitorAddress("198.18.0.41", "6789")), waiter, new ActiveMigrations(waiter,
                "host-a"), (step, phase, nanos) -> phases.add(step + "/" + phase))) {
            executor.liveMigration(INSTANCE, "host-b", new Heard(), false, MD);
        }
        assertThat(phases).filteredOn(p -> !p.endsWith("_background")).containsExactly("live_migration/lookup",
                "live_migration/slot", "live_migration/power_state", "live_migration/migratable_xml",
                "live_migration/monmap_wait", "live_migration/xml_rewrite", "live_migration/serial_ports",
                "live_migration/job_start_check", "live_migration/before_migrate", "live_migration/migrate_submit",
                "live_migration/monitor", "live_migration/migrate_call_return", "live_migration/post_method",
                "live_migration/total");
        assertThat(phases).contains("live_migration/monmap_read_background");
    }
}
