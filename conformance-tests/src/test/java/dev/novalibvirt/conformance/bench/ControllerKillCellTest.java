package dev.novalibvirt.conformance.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import dev.novalibvirt.migration.task.MigrationRecovery;
import dev.novalibvirt.migration.task.PendingStep;
import dev.novalibvirt.migration.task.Step;
import dev.novalibvirt.migration.task.truth.RecoveryAction;
import dev.novalibvirt.migration.task.truth.RecoveryDecision;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A controller-kill cell: when the kill lands, when libvirt's job counts as still running, and which outcome the cell
 * is judged by once recovery has run in the bench's JVM.
 */
class ControllerKillCellTest {
    private static final long MS = 1_000_000L;
    private static final FaultVerdict.Look RUNNING_B = new FaultVerdict.Look("b", Optional.of("running"), true);
    private static final FaultVerdict.Look CLEAN_A = new FaultVerdict.Look("a", Optional.empty(), false);

    private static MigrationRecovery.Report report(RecoveryAction action, String keeper, List<PendingStep> pending,
                                                   boolean finished) {
        return new MigrationRecovery.Report("m-1", "6c1d7e52-0c5b-4a4e-9d0e-3f1b2a7c9e11",
                new RecoveryDecision.Decision(action, keeper, false, false, "a row"), pending, finished);
    }

    @Test
    void theKillLandsAtTheOffsetFromTheChildsOwnStampNotFromWhenTheLineArrived() {
        long mark = 5_000 * MS;
        assertThat(KilledController.delayMs(700, mark, mark + 3 * MS)).as("3 ms in the pipe").isEqualTo(697);
        assertThat(KilledController.delayMs(0, mark, mark + 3 * MS)).as("never in the past").isZero();
        assertThat(KilledController.delayMs(300, mark, mark)).isEqualTo(300);
    }

    @Test
    void whatTheKillHitIsSaidFromTheStartOfLiveMigrationAndOfLibvirtsJob() {
        long lm = 10_000 * MS;
        assertThat(KilledController.describe(137, lm + 702 * MS, lm, lm + 40 * MS, null))
                .isEqualTo("controller killed -9 702 ms into live_migration, 662 ms into the job");
        assertThat(KilledController.describe(137, lm + 1 * MS, lm, null, null))
                .isEqualTo("controller killed -9 1 ms into live_migration, libvirt's job not seen");
        assertThat(KilledController.describe(-1, lm + 900 * MS, lm, lm + 40 * MS, "COMPLETED@host-b"))
                .isEqualTo("controller killed -9 (exit -1) 900 ms into live_migration, 860 ms into the job, after its "
                        + "task ended COMPLETED@host-b");
    }

    @Test
    void aJobIsActiveOnlyWhileVirshSaysItsTypeIsUnboundedOrBounded() {
        assertThat(LibvirtJobs.active("""
                Job type:         Unbounded
                Operation:        Outgoing migration
                Time elapsed:     412          ms
                """)).isTrue();
        assertThat(LibvirtJobs.active("Job type:         None\n")).isFalse();
        assertThat(LibvirtJobs.active("Job type: Bounded\n")).isTrue();
        assertThat(LibvirtJobs.active("error: Requested operation is not valid: domain is not running\n")).isFalse();
        assertThat(LibvirtJobs.active("")).isFalse();
    }

    @Test
    void aFinishedRollForwardIsCompletedOnItsKeeperAndAFinishedRollBackFailedOnTheSource() {
        assertThat(RecoveredOutcome.of(List.of(report(RecoveryAction.ROLL_FORWARD, "host-b", List.of(), true)), null))
                .isEqualTo(new LiveMigrationOutcome.Completed("host-b"));
        assertThat(RecoveredOutcome.of(List.of(report(RecoveryAction.ROLL_BACK, "host-a", List.of(), true)), null))
                .isEqualTo(new LiveMigrationOutcome.RolledBack("host-a", MigrationStatus.FAILED));
        assertThat(RecoveredOutcome.label(new LiveMigrationOutcome.RolledBack("host-a", MigrationStatus.FAILED)))
                .isEqualTo("ROLLED_BACK@host-a(failed)");
    }

    /** A roll-back's state is the one read on its keeper, or says it was not read; never "running" unseen. */
    @Test
    void aRollBackStatesTheGuestStateReadOnItsKeeper() {
        List<MigrationRecovery.Report> back = List.of(report(RecoveryAction.ROLL_BACK, "host-a", List.of(), true));
        assertThat(RecoveredOutcome.of(back, null, h -> h.equals("host-a") ? PowerState.RUNNING : null))
                .isEqualTo(new LiveMigrationOutcome.RolledBack("host-a", MigrationStatus.FAILED, PowerState.RUNNING,
                        ""));
        LiveMigrationOutcome.RolledBack stopped = (LiveMigrationOutcome.RolledBack) RecoveredOutcome.of(back, null,
                h -> PowerState.SHUTDOWN);
        assertThat(stopped.powerState()).isEqualTo(PowerState.SHUTDOWN);
        assertThat(stopped.remedy()).startsWith("start the guest on host-a: ");
        LiveMigrationOutcome.RolledBack unread = (LiveMigrationOutcome.RolledBack) RecoveredOutcome.of(back, null,
                h -> null);
        assertThat(unread.powerState()).isEqualTo(PowerState.NOSTATE);
        assertThat(unread.asBefore()).isFalse();
        // the controller's OUTCOME line carries no state: it is read too
        LiveMigrationOutcome.RolledBack said = (LiveMigrationOutcome.RolledBack) RecoveredOutcome.of(List.of(),
                new LiveMigrationOutcome.RolledBack("host-a", MigrationStatus.CANCELLED), h -> PowerState.PAUSED);
        assertThat(said.powerState()).isEqualTo(PowerState.PAUSED);
        assertThat(said.status()).isEqualTo(MigrationStatus.CANCELLED);
    }

    @Test
    void recoveryThatCouldNotFinishOrDeferredIsNeedsRecovery() {
        List<PendingStep> pending = List.of(new PendingStep(Step.POST_LIVE_MIGRATION_AT_SOURCE, "host-a", "down"));
        assertThat(RecoveredOutcome.of(List.of(report(RecoveryAction.ROLL_FORWARD, "host-b", pending, false)), null))
                .isEqualTo(new LiveMigrationOutcome.NeedsRecovery("host-b", pending));
        assertThat(RecoveredOutcome.of(List.of(report(RecoveryAction.WAIT, null, List.of(), false)),
                new LiveMigrationOutcome.Completed("host-b")))
                .as("recovery's word wins over the dead controller's")
                .isEqualTo(new LiveMigrationOutcome.NeedsRecovery(RecoveredOutcome.NO_KEEPER, List.of()));
    }

    @Test
    void withNothingLeftToRecoverTheControllersOwnWordStandsAndWithoutOneNothingDoes() {
        LiveMigrationOutcome said = new LiveMigrationOutcome.Completed("host-b");
        assertThat(RecoveredOutcome.of(List.of(), said)).isSameAs(said);
        assertThat(RecoveredOutcome.of(List.of(), null)).isNull();
        assertThat(RecoveredOutcome.label(null)).isEqualTo("none");
    }

    @Test
    void theUsualVerdictJudgesTheRecoveredOutcome() {
        LiveMigrationOutcome rolledForward = RecoveredOutcome.of(
                List.of(report(RecoveryAction.ROLL_FORWARD, "host-b", List.of(), true)), null);
        assertThat(FaultVerdict.judge(new FaultVerdict.Facts(FaultClass.CONTROLLER_KILL, "controller killed -9",
                rolledForward, CLEAN_A, RUNNING_B, true, true, true, true, null, true))).isEqualTo("ok");
        LiveMigrationOutcome rolledBack = RecoveredOutcome.of(
                List.of(report(RecoveryAction.ROLL_BACK, "host-a", List.of(), true)), null);
        assertThat(FaultVerdict.judge(new FaultVerdict.Facts(FaultClass.CONTROLLER_KILL, "controller killed -9",
                rolledBack, CLEAN_A, RUNNING_B, true, true, true, true, null, true)))
                .as("recovery said host-a, the guest runs on host-b").isEqualTo("wrong");
        assertThat(FaultVerdict.judge(new FaultVerdict.Facts(FaultClass.CONTROLLER_KILL, "controller killed -9",
                null, CLEAN_A, RUNNING_B, true, true, true, true, null, true))).as("no word at all").isEqualTo("wrong");
        assertThat(FaultClass.of("controller-kill")).isEqualTo(FaultClass.CONTROLLER_KILL);
        assertThat(FaultClass.CONTROLLER_KILL.race()).isFalse();
        assertThat(FaultClass.CONTROLLER_KILL.qemuKilledOn()).as("no guest QEMU dies: it must run").isNull();
    }
}
