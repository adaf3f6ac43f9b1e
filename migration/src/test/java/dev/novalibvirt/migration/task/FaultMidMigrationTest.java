package dev.novalibvirt.migration.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.core.exception.InvalidMigrationState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Faults after the migration started: a typed outcome, never a bare exception; unreachable steps are recorded. */
class FaultMidMigrationTest {
    private final List<String> calls = new ArrayList<>();
    private final RecordingDriver a = new RecordingDriver("host-a", calls);
    private final RecordingDriver b = new RecordingDriver("host-b", calls);
    private final Instance instance =
            new Instance("0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b", "fault-test", 128, 1, 1, "img");

    private LiveMigrationResult migrate() {
        return LiveMigrationTask.builder(a, b).sleeper(d -> { }).build().run(instance, null, null);
    }

    @Test
    void theSourceDyingAfterTheSwitchOverLeavesItsCleanupPendingAndTheGuestOnTheDestination() {
        a.duringLiveMigration = () -> a.unreachable = new InternalError("End of file while reading data");
        LiveMigrationResult r = migrate();
        assertThat(r.outcome().kind()).isEqualTo(LiveMigrationOutcome.Kind.NEEDS_RECOVERY);
        LiveMigrationOutcome.NeedsRecovery n = (LiveMigrationOutcome.NeedsRecovery) r.outcome();
        assertThat(n.host()).isEqualTo("host-b");
        assertThat(n.pending()).extracting(PendingStep::step).containsExactly(Step.POST_LIVE_MIGRATION,
                Step.POST_LIVE_MIGRATION_AT_SOURCE, Step.CLEANUP_SOURCE);
        assertThat(n.pending()).allMatch(p -> p.host().equals("host-a") && p.reason().contains("End of file"));
        assertThat(calls).as("the destination's post step still ran").endsWith("host-b:postAtDestination");
    }

    @Test
    void theDestinationDyingDuringRollbackIsRecordedWithTheGuestOnTheSource() {
        a.migrationSucceeds = false;
        b.unreachable = new InternalError("libvirt lookup of fault-test failed: End of file while reading data");
        LiveMigrationResult r = migrate();
        assertThat(r.outcome()).isInstanceOf(LiveMigrationOutcome.NeedsRecovery.class);
        assertThat(r.outcome().host()).isEqualTo("host-a");
        assertThat(((LiveMigrationOutcome.NeedsRecovery) r.outcome()).pending()).singleElement()
                .extracting(PendingStep::step).isEqualTo(Step.ROLLBACK_LIVE_MIGRATION_AT_DESTINATION);
        assertThat(r.status()).isEqualTo(MigrationStatus.FAILED);
    }

    @Test
    void aSourceQemuKilledMidJobIsRolledBackThoughTheJobReadsCompletedAndTheSourceKeepsItsDefinition() {
        // libvirt answers "domain is not running" for the stopped source: the monitor reads that as completed
        a.info = () -> new InstanceInfo(PowerState.SHUTDOWN, 1);
        b.info = () -> null; // libvirt's Finish removed the half-arrived guest
        LiveMigrationResult r = migrate();
        assertThat(r.outcome()).isInstanceOf(LiveMigrationOutcome.RolledBack.class);
        LiveMigrationOutcome.RolledBack rb = (LiveMigrationOutcome.RolledBack) r.outcome();
        assertThat(rb.host()).isEqualTo("host-a");
        assertThat(rb.status()).isEqualTo(MigrationStatus.FAILED);
        assertThat(rb.powerState()).as("the outcome says it is stopped").isEqualTo(PowerState.SHUTDOWN);
        assertThat(rb.asBefore()).isFalse();
        assertThat(rb.remedy()).startsWith("start the guest on host-a: its QEMU stopped during the migration");
        assertThat(r.status()).isEqualTo(MigrationStatus.FAILED);
        assertThat(calls).as("no post step undefined the only definition")
                .doesNotContain("host-a:cleanup", "host-a:post", "host-b:postAtDestination")
                .endsWith("host-a:rollbackAtSource", "host-b:rollbackAtDestination");
    }

    /**
     * Issue 11 (fault matrix, source-libvirtd-kill @700 ms): libvirtd was killed while it stopped the migrated source;
     * its restart left the domain shut off, which reads as a failed job, while host-b runs the guest. Rolling back
     * destroyed that only running copy; the guest was handed over, so the task rolls forward.
     */
    @Test
    void aFailedJobWhoseGuestRunsOnTheDestinationWhileTheSourceIsStoppedRollsForward() {
        a.migrationSucceeds = false;
        a.info = () -> new InstanceInfo(PowerState.SHUTDOWN, -1);
        LiveMigrationResult r = migrate(); // b answers RUNNING
        assertThat(r.outcome()).isEqualTo(new LiveMigrationOutcome.Completed("host-b"));
        assertThat(r.status()).isNull();
        assertThat(calls).as("the running copy on host-b is kept; the source's definition goes")
                .doesNotContain("host-b:rollbackAtDestination")
                .contains("host-a:cleanup", "host-b:postAtDestination");
    }

    /**
     * Issue 11 review: the source QEMU died after the post-copy switch; host-b reads RUNNING (RUNNING_POSTCOPY) but
     * the pages still on host-a are lost. Rolling forward would undefine the source, rolling back destroy host-b's
     * half: the task leaves it to recovery, saying why.
     */
    @Test
    void aFailedJobAfterThePostCopySwitchIsLeftForRecoveryEvenWithTheDestinationRunning() {
        a.migrationSucceeds = false;
        a.postCopy = true;
        a.info = () -> new InstanceInfo(PowerState.SHUTDOWN, -1);
        LiveMigrationResult r = migrate(); // b answers RUNNING
        assertThat(r.outcome().kind()).isEqualTo(LiveMigrationOutcome.Kind.NEEDS_RECOVERY);
        LiveMigrationOutcome.NeedsRecovery n = (LiveMigrationOutcome.NeedsRecovery) r.outcome();
        assertThat(n.host()).isEqualTo("host-b");
        assertThat(n.pending()).isNotEmpty().allMatch(p -> p.reason().contains("after it switched to post-copy"));
        assertThat(calls).as("neither rolled back nor forward")
                .doesNotContain("host-a:rollbackAtSource", "host-b:rollbackAtDestination", "host-a:cleanup",
                        "host-b:postAtDestination")
                .endsWith("host-a:liveMigration->host-b");
    }

    @Test
    void aPostCopyJobThatThrowsOrFailsIsLeftForRecoveryAndOneThatCompletedRunsThePostSteps() {
        a.postCopy = true;
        a.liveMigrationThrows = new InternalError("End of file while reading data");
        assertThat(migrate().outcome().kind()).isEqualTo(LiveMigrationOutcome.Kind.NEEDS_RECOVERY);
        assertThat(calls).doesNotContain("host-b:rollbackAtDestination", "host-b:postAtDestination");

        calls.clear();
        a.liveMigrationThrows = null;
        assertThat(migrate().outcome()).isEqualTo(new LiveMigrationOutcome.Completed("host-b"));
        assertThat(calls).endsWith("host-b:postAtDestination");
    }

    /** Issue 11 review: an ordinary failure (source active) is rolled back without asking the destination. */
    @Test
    void aFailedJobWithTheGuestActiveOnTheSourceDoesNotAskTheDestination() {
        a.migrationSucceeds = false;
        int[] destinationAsked = {0};
        b.info = () -> {
            destinationAsked[0]++;
            return new InstanceInfo(PowerState.RUNNING, 1);
        };
        for (PowerState source : List.of(PowerState.RUNNING, PowerState.PAUSED)) {
            a.info = () -> new InstanceInfo(source, 1);
            assertThat(migrate().outcome().kind()).as("source %s", source)
                    .isEqualTo(LiveMigrationOutcome.Kind.ROLLED_BACK);
        }
        assertThat(destinationAsked[0]).as("a dead destination costs no RPC timeout here").isZero();
    }

    @Test
    void aFailedJobWithAPausedDestinationIsStillRolledBack() {
        a.migrationSucceeds = false;
        a.info = () -> new InstanceInfo(PowerState.SHUTDOWN, -1);
        b.info = () -> new InstanceInfo(PowerState.PAUSED, 1); // an incoming QEMU that never took over
        LiveMigrationResult r = migrate();
        assertThat(r.outcome().kind()).isEqualTo(LiveMigrationOutcome.Kind.ROLLED_BACK);
        assertThat(calls).endsWith("host-a:rollbackAtSource", "host-b:rollbackAtDestination");
    }

    @Test
    void aFailedJobLeavingTheGuestStoppedOnTheSourceOnlySaysSoAndWhatToDo() {
        a.migrationSucceeds = false;
        LiveMigrationTask task = LiveMigrationTask.builder(a, b).sleeper(d -> { }).build();
        a.duringLiveMigration = () -> a.info = () -> new InstanceInfo(PowerState.CRASHED, -1);
        b.info = () -> null;
        LiveMigrationOutcome.RolledBack rb = (LiveMigrationOutcome.RolledBack) task.run(instance, null, null)
                .outcome();
        assertThat(rb.powerState()).isEqualTo(PowerState.CRASHED);
        assertThat(rb.remedy()).startsWith("start the guest on host-a")
                .contains("nothing of it is on host-b");
    }

    @Test
    void aCompletedJobIsTrustedWhenTheDestinationCannotBeAsked() {
        b.info = () -> {
            throw new InternalError("End of file while reading data");
        };
        assertThat(migrate().outcome()).isEqualTo(new LiveMigrationOutcome.Completed("host-b"));
    }

    @Test
    void aGuestWhoseQemuDiedOnTheDestinationAfterTheSwitchOverStillCompletes() {
        a.info = () -> null; // UNDEFINE_SOURCE
        b.info = () -> new InstanceInfo(PowerState.SHUTDOWN, 1); // PERSIST_DEST kept its definition
        assertThat(migrate().outcome()).isEqualTo(new LiveMigrationOutcome.Completed("host-b"));
        assertThat(calls).contains("host-b:postAtDestination");
    }

    @Test
    void aLiveMigrationThatThrowsWithTheGuestOnlyOnTheDestinationRollsForward() {
        a.liveMigrationThrows = new InternalError("monitor lost the source");
        a.info = () -> null; // gone from the source
        assertThat(migrate().outcome()).isEqualTo(new LiveMigrationOutcome.Completed("host-b"));
        assertThat(calls).contains("host-a:cleanup", "host-b:postAtDestination");
    }

    @Test
    void aLiveMigrationThatThrowsWithTheGuestStillOnTheSourceRollsBack() {
        a.liveMigrationThrows = new InternalError("could not start the job");
        b.info = () -> null;
        assertThat(migrate().outcome()).isEqualTo(new LiveMigrationOutcome.RolledBack("host-a",
                MigrationStatus.FAILED, PowerState.RUNNING, ""));
        assertThat(calls).endsWith("host-a:rollbackAtSource", "host-b:rollbackAtDestination");
    }

    @Test
    void aLiveMigrationThatThrowsWhenTheSourceCannotBeAskedNeedsRecoveryAndChangesNothing() {
        a.liveMigrationThrows = new InternalError("End of file while reading data");
        a.info = () -> {
            throw new InternalError("cannot connect");
        };
        LiveMigrationResult r = migrate();
        assertThat(r.outcome()).isInstanceOf(LiveMigrationOutcome.NeedsRecovery.class);
        assertThat(r.outcome().host()).isEqualTo("host-a");
        assertThat(((LiveMigrationOutcome.NeedsRecovery) r.outcome()).pending()).isNotEmpty()
                .allMatch(p -> p.reason().contains("cannot be asked"));
        assertThat(calls).last().isEqualTo("host-a:liveMigration->host-b");
    }

    @Test
    void bothHostsRunningTheGuestIsNeverResolvedByDestroyingOne() {
        a.liveMigrationThrows = new InternalError("job lost");
        LiveMigrationResult r = migrate(); // both fakes answer RUNNING
        assertThat(r.outcome()).isInstanceOf(LiveMigrationOutcome.NeedsRecovery.class);
        assertThat(calls).doesNotContain("host-b:rollbackAtDestination", "host-a:cleanup");
    }

    @Test
    void anAbortDuringThePreChecksCancelsWithoutTouchingLibvirt() {
        LiveMigrationHandle[] h = new LiveMigrationHandle[1];
        a.sourceCheck = md -> {
            h[0].abort();
            return md;
        };
        java.util.concurrent.CompletableFuture<Void> go = new java.util.concurrent.CompletableFuture<>();
        h[0] = LiveMigrationTask.builder(a, b).executor(r -> go.thenRun(r)).build().start(instance, null, null);
        go.complete(null); // the task runs only once the handle is known
        LiveMigrationResult r = h[0].await();
        assertThat(r.outcome()).isEqualTo(new LiveMigrationOutcome.RolledBack("host-a",
                MigrationStatus.CANCELLED, PowerState.RUNNING, ""));
        assertThat(calls).doesNotContain("host-b:pre", "host-a:liveMigration->host-b", "host-a:abort");
    }

    @Test
    void anAbortRacingTheDriversRegistrationIsRetriedUntilTheDriverHasIt() {
        a.unregisteredAnswers = 3;
        LiveMigrationHandle[] h = new LiveMigrationHandle[1];
        a.migrationSucceeds = false;
        a.duringLiveMigration = () -> h[0].abort();
        java.util.concurrent.CompletableFuture<Void> go = new java.util.concurrent.CompletableFuture<>();
        h[0] = LiveMigrationTask.builder(a, b).sleeper(d -> { })
                .executor(r -> go.thenRun(r)).build().start(instance, null, null);
        go.complete(null);
        h[0].await();
        assertThat(calls).containsSubsequence("host-a:liveMigration->host-b", "host-a:abort",
                "host-a:rollbackAtSource");
    }

    @Test
    void forceCompleteIsOnlyForARunningJob() {
        LiveMigrationHandle h = LiveMigrationTask.builder(a, b).build().start(instance, null, null);
        h.await();
        assertThatThrownBy(h::forceComplete).isInstanceOf(InvalidMigrationState.class);
        assertThatThrownBy(h::abort).isInstanceOf(InvalidMigrationState.class);
        assertThat(h.progress().phase()).isEqualTo(Phase.DONE);
        assertThat(h.progress().finished()).extracting(StepReport::step).contains(Step.LIVE_MIGRATION);
    }

    @Test
    void theOptionsReachTheDestinationCheckAsNovasValues() {
        List<Boolean> seen = new ArrayList<>();
        RecordingDriver dest = new RecordingDriver("host-b", calls) {
            @Override
            public dev.novalibvirt.core.driver.LibvirtLiveMigrateData checkCanLiveMigrateDestination(Instance i,
                    dev.novalibvirt.core.driver.ComputeInfo s, dev.novalibvirt.core.driver.ComputeInfo d, Boolean bm,
                    Boolean oc) {
                seen.add(bm);
                seen.add(oc);
                return super.checkCanLiveMigrateDestination(i, s, d, bm, oc);
            }
        };
        LiveMigrationTask.builder(a, dest).blockMigration(false).build().run(instance, null, null);
        assertThat(seen).containsExactly(false, null);
        assertThat(a.getInfo(instance)).isEqualTo(new InstanceInfo(PowerState.RUNNING, 1));
    }
}
