package dev.novalibvirt.conformance.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import dev.novalibvirt.migration.task.PendingStep;
import dev.novalibvirt.migration.task.Step;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a fault-matrix cell is judged from what virsh, the filesystem and rbd said and what the library said. */
class FaultVerdictTest {
    private static final FaultVerdict.Look RUNNING_A = look("a", "running", true);
    private static final FaultVerdict.Look RUNNING_B = look("b", "running", true);
    private static final FaultVerdict.Look CLEAN_A = look("a", null, false);
    private static final FaultVerdict.Look CLEAN_B = look("b", null, false);
    private static final LiveMigrationOutcome COMPLETED = new LiveMigrationOutcome.Completed("host-b");
    private static final LiveMigrationOutcome FAILED = new LiveMigrationOutcome.RolledBack("host-a",
            MigrationStatus.FAILED, PowerState.RUNNING, "");
    private static final LiveMigrationOutcome CANCELLED = new LiveMigrationOutcome.RolledBack("host-a",
            MigrationStatus.CANCELLED, PowerState.RUNNING, "");
    /** Rolled back, and the outcome says the guest is stopped there and must be started. */
    private static final LiveMigrationOutcome STOPPED_ON_A = new LiveMigrationOutcome.RolledBack("host-a",
            MigrationStatus.FAILED, PowerState.SHUTDOWN, "start the guest on host-a: its QEMU stopped during the "
                    + "migration (power state SHUTDOWN)");
    private static final FaultVerdict.Look STOPPED_A = look("a", "shut off", true);

    private static FaultVerdict.Look look(String letter, String state, boolean dir) {
        return new FaultVerdict.Look(letter, Optional.ofNullable(state), dir);
    }

    /** Every invariant holds but what the arguments say. */
    private static FaultVerdict.Facts facts(FaultClass fault, String injected, LiveMigrationOutcome outcome,
                                            FaultVerdict.Look a, FaultVerdict.Look b) {
        boolean running = a.running() || b.running();
        return new FaultVerdict.Facts(fault, injected, outcome, a, b, true, true, true, running ? true : null,
                running ? null : true, true);
    }

    @Test
    void aRolledBackGuestRunningAloneOnTheSourceWithNothingLeftIsOk() {
        assertThat(FaultVerdict.judge(facts(FaultClass.DEST_LINK_CUT_150, "link of b cut for 150 s", FAILED,
                RUNNING_A, CLEAN_B))).isEqualTo("ok");
        assertThat(FaultVerdict.truth(RUNNING_A, CLEAN_B)).isEqualTo("a");
    }

    @Test
    void anOutcomeNamingTheOtherHostIsWrongAndAThrownOneToo() {
        assertThat(FaultVerdict.judge(facts(FaultClass.DEST_LIBVIRTD_KILL, "x", COMPLETED, RUNNING_A, CLEAN_B)))
                .isEqualTo("wrong");
        assertThat(FaultVerdict.judge(facts(FaultClass.DEST_LIBVIRTD_KILL, "x", null, RUNNING_A, CLEAN_B)))
                .isEqualTo("wrong");
        LiveMigrationOutcome recovered = new LiveMigrationOutcome.NeedsRecovery("host-a",
                List.of(new PendingStep(Step.ROLLBACK_LIVE_MIGRATION_AT_DESTINATION, "host-b", "unreachable")));
        assertThat(FaultVerdict.judge(facts(FaultClass.DEST_LIBVIRTD_KILL, "x", recovered, RUNNING_A, CLEAN_B)))
                .as("recover() finished what the outcome left").isEqualTo("ok");
    }

    @Test
    void aGuestStoppedOnlyWhereItsOwnQemuWasKilledMustStartThere() {
        FaultVerdict.Look stoppedA = STOPPED_A;
        assertThat(FaultVerdict.truth(stoppedA, CLEAN_B)).isEqualTo("a(stopped)");
        assertThat(FaultVerdict.judge(facts(FaultClass.SOURCE_QEMU_KILL, "qemu on a killed", STOPPED_ON_A, stoppedA,
                CLEAN_B))).isEqualTo("ok");
        FaultVerdict.Facts notRestartable = new FaultVerdict.Facts(FaultClass.SOURCE_QEMU_KILL, "qemu on a killed",
                STOPPED_ON_A, stoppedA, CLEAN_B, true, true, true, null, false, null);
        assertThat(FaultVerdict.judge(notRestartable)).isEqualTo("unrestartable");
        assertThat(FaultVerdict.judge(facts(FaultClass.DEST_QEMU_KILL, "qemu on b killed", FAILED, stoppedA,
                CLEAN_B))).as("its QEMU was killed on b, not a").isEqualTo("lost");
    }

    @Test
    void aRollbackMustStateTheGuestsStateAsVirshSeesIt() {
        assertThat(FaultVerdict.judge(facts(FaultClass.SOURCE_QEMU_KILL, "qemu on a killed", FAILED, STOPPED_A,
                CLEAN_B))).as("said running, is stopped").isEqualTo("wrong");
        assertThat(FaultVerdict.judge(facts(FaultClass.DEST_LINK_CUT, "x", STOPPED_ON_A, RUNNING_A, CLEAN_B)))
                .as("said stopped, runs").isEqualTo("wrong");
        LiveMigrationOutcome stoppedNoStep = new LiveMigrationOutcome.RolledBack("host-a", MigrationStatus.FAILED,
                PowerState.SHUTDOWN, "");
        assertThat(FaultVerdict.judge(facts(FaultClass.SOURCE_QEMU_KILL, "qemu on a killed", stoppedNoStep,
                STOPPED_A, CLEAN_B))).as("stopped, but no step that starts it").isEqualTo("wrong");
    }

    /** A roll-back whose state nobody read (host and status only) matches no state virsh sees (issue 11 review). */
    @Test
    void aRollbackWhoseStateWasNotReadMatchesNoState() {
        LiveMigrationOutcome.RolledBack notRead = new LiveMigrationOutcome.RolledBack("host-a",
                MigrationStatus.FAILED);
        assertThat(notRead.powerState()).isEqualTo(PowerState.NOSTATE);
        assertThat(notRead.asBefore()).isFalse();
        for (FaultVerdict.Look a : List.of(RUNNING_A, STOPPED_A, look("a", "paused", true))) {
            assertThat(FaultVerdict.statedStateMatches(notRead, a)).as("virsh: %s", a).isFalse();
        }
        assertThat(FaultVerdict.judge(facts(FaultClass.DEST_LINK_CUT, "x", notRead, RUNNING_A, CLEAN_B)))
                .isEqualTo("wrong");
    }

    /** Issue 11's failed cell: the source libvirtd killed at the switch-over, the guest stopped on host-a. */
    @Test
    void aSourceLibvirtdKillMayLeaveTheGuestStoppedOnTheSourceOnlyWhenTheOutcomeSaysExactlyThat() {
        String injected = "libvirtd of a killed, started 5 s later";
        assertThat(FaultVerdict.judge(facts(FaultClass.SOURCE_LIBVIRTD_KILL, injected, FAILED, STOPPED_A, CLEAN_B)))
                .as("ROLLED_BACK saying it runs, truth a(stopped): the b22 run").isEqualTo("lost");
        assertThat(FaultVerdict.judge(facts(FaultClass.SOURCE_LIBVIRTD_KILL, injected, STOPPED_ON_A, STOPPED_A,
                CLEAN_B))).isEqualTo("ok");
        LiveMigrationOutcome recovered = new LiveMigrationOutcome.NeedsRecovery("host-a", List.of());
        assertThat(FaultVerdict.judge(facts(FaultClass.SOURCE_LIBVIRTD_KILL, injected, recovered, STOPPED_A,
                CLEAN_B))).isEqualTo("lost");
        assertThat(FaultVerdict.mayBeStopped(FaultClass.SOURCE_LIBVIRTD_KILL, STOPPED_ON_A, look("b", "shut off",
                true))).as("only on the source").isFalse();
        assertThat(FaultVerdict.mayBeStopped(FaultClass.DEST_LIBVIRTD_KILL, STOPPED_ON_A, STOPPED_A))
                .as("only for the source's libvirtd").isFalse();
        assertThat(FaultVerdict.judge(facts(FaultClass.SOURCE_LIBVIRTD_KILL, injected, COMPLETED, CLEAN_A,
                RUNNING_B))).as("the fixed run: handed over, completed").isEqualTo("ok");
    }

    @Test
    void aSourceQemuKillReportedCompletedWithTheGuestStoppedOnTheSourceIsWrong() {
        FaultVerdict.Look stoppedA = look("a", "shut off", true);
        assertThat(FaultVerdict.judge(facts(FaultClass.SOURCE_QEMU_KILL, "qemu on a killed", COMPLETED, stoppedA,
                CLEAN_B))).isEqualTo("wrong");
    }

    @Test
    void twoRunningCopiesNoCopyAndAPausedOneAreNamedSo() {
        assertThat(FaultVerdict.judge(facts(FaultClass.DEST_LINK_CUT, "x", FAILED, RUNNING_A, RUNNING_B)))
                .isEqualTo("twice");
        assertThat(FaultVerdict.judge(facts(FaultClass.DEST_LINK_CUT, "x", FAILED, CLEAN_A, CLEAN_B)))
                .isEqualTo("lost");
        FaultVerdict.Look pausedB = look("b", "paused", true);
        assertThat(FaultVerdict.judge(facts(FaultClass.FORCE_COMPLETE_RACE, "force-complete accepted", COMPLETED,
                CLEAN_A, pausedB))).isEqualTo("paused");
        assertThat(FaultVerdict.truth(CLEAN_A, pausedB)).isEqualTo("b(paused)");
    }

    @Test
    void anythingLeftOnTheOtherHostOrInTheJournalIsALeftover() {
        assertThat(FaultVerdict.judge(facts(FaultClass.OSD_RESTART, "osds restarted", COMPLETED,
                look("a", null, true), RUNNING_B))).isEqualTo("leftovers");
        assertThat(FaultVerdict.judge(new FaultVerdict.Facts(FaultClass.OSD_RESTART, "osds restarted", COMPLETED,
                CLEAN_A, RUNNING_B, false, true, true, true, null, true))).isEqualTo("leftovers");
        assertThat(FaultVerdict.judge(new FaultVerdict.Facts(FaultClass.MON_MOVE, "monitor moved", COMPLETED,
                CLEAN_A, RUNNING_B, true, false, true, true, null, true))).as("a secret changed")
                .isEqualTo("leftovers");
    }

    @Test
    void anAcceptedAbortMustEndCancelledOnTheSourceAndARefusedOneOnlyTrue() {
        assertThat(FaultVerdict.judge(facts(FaultClass.ABORT_RACE, "abort accepted", CANCELLED, RUNNING_A,
                CLEAN_B))).isEqualTo("ok");
        assertThat(FaultVerdict.judge(facts(FaultClass.ABORT_RACE, "abort accepted", COMPLETED, CLEAN_A,
                RUNNING_B))).isEqualTo("wrong");
        assertThat(FaultVerdict.judge(facts(FaultClass.ABORT_RACE, "abort refused: InvalidMigrationState",
                COMPLETED, CLEAN_A, RUNNING_B))).isEqualTo("ok");
    }

    @Test
    void aForceCompleteMustComplete() {
        assertThat(FaultVerdict.judge(facts(FaultClass.FORCE_COMPLETE_RACE, "force-complete accepted", COMPLETED,
                CLEAN_A, RUNNING_B))).isEqualTo("ok");
        assertThat(FaultVerdict.judge(facts(FaultClass.FORCE_COMPLETE_RACE, "force-complete accepted", FAILED,
                RUNNING_A, CLEAN_B))).isEqualTo("wrong");
    }

    @Test
    void aChangedImageAStalledGuestAndAFailedFollowUpAreNamedSo() {
        assertThat(FaultVerdict.judge(new FaultVerdict.Facts(FaultClass.MON_MOVE, "m", COMPLETED, CLEAN_A,
                RUNNING_B, true, true, false, true, null, true))).isEqualTo("image");
        assertThat(FaultVerdict.judge(new FaultVerdict.Facts(FaultClass.MON_MOVE, "m", COMPLETED, CLEAN_A,
                RUNNING_B, true, true, true, false, null, true))).isEqualTo("stalled");
        assertThat(FaultVerdict.judge(new FaultVerdict.Facts(FaultClass.MON_MOVE, "m", COMPLETED, CLEAN_A,
                RUNNING_B, true, true, true, true, null, false))).isEqualTo("followup");
        assertThat(FaultVerdict.ALL).containsAll(List.of("ok", "lost", "twice", "leftovers", "wrong"));
    }

    @Test
    void theMatrixKnowsItsFaultClassesByTheirNames() {
        assertThat(FaultClass.of("dest-link-cut-150").linkCut().toSeconds()).isEqualTo(150);
        assertThat(FaultClass.of("source-qemu-kill").qemuKilledOn()).isEqualTo("a");
        assertThat(FaultClass.labels()).hasSize(13).contains("osd-restart", "mon-move", "abort-race",
                "controller-kill");
        assertThatThrownBy(() -> FaultClass.of("dest-link-cut-60")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("known: [dest-libvirtd-kill");
    }
}
