package dev.novalibvirt.migration.task.truth;

import static dev.novalibvirt.migration.task.truth.DomainPresence.ABSENT;
import static dev.novalibvirt.migration.task.truth.DomainPresence.DEFINED;
import static dev.novalibvirt.migration.task.truth.DomainPresence.PAUSED;
import static dev.novalibvirt.migration.task.truth.DomainPresence.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of the recovery truth table, for every journal answer where the row does not depend on it. */
class RecoveryDecisionTest {
    private static HostView s(DomainPresence p) {
        return HostView.of("host-a", p, true, false);
    }

    private static HostView d(DomainPresence p) {
        return HostView.of("host-b", p, true, false);
    }

    @ParameterizedTest(name = "S={0} D={1} job={2} -> {3} keeping {4}")
    @CsvSource({
            "RUNNING, RUNNING, COMPLETED, MANUAL,",
            "RUNNING, RUNNING, FAILED,    ROLL_BACK, host-a",
            "RUNNING, RUNNING, UNKNOWN,   MANUAL,",
            "PAUSED,  RUNNING, FAILED,    ROLL_FORWARD, host-b",
            "PAUSED,  RUNNING, UNKNOWN,   ROLL_FORWARD, host-b",
            "RUNNING, PAUSED,  COMPLETED, ROLL_BACK, host-a",
            "RUNNING, PAUSED,  UNKNOWN,   ROLL_BACK, host-a",
            "PAUSED,  PAUSED,  COMPLETED, ROLL_FORWARD, host-b",
            "PAUSED,  PAUSED,  FAILED,    ROLL_BACK, host-a",
            "PAUSED,  PAUSED,  UNKNOWN,   MANUAL,",
            "RUNNING, ABSENT,  COMPLETED, ROLL_BACK, host-a",
            "RUNNING, DEFINED, UNKNOWN,   ROLL_BACK, host-a",
            "PAUSED,  ABSENT,  UNKNOWN,   ROLL_BACK, host-a",
            "ABSENT,  RUNNING, FAILED,    ROLL_FORWARD, host-b",
            "DEFINED, RUNNING, UNKNOWN,   ROLL_FORWARD, host-b",
            "ABSENT,  PAUSED,  UNKNOWN,   ROLL_FORWARD, host-b",
            "DEFINED, ABSENT,  COMPLETED, ROLL_BACK, host-a",
            "ABSENT,  DEFINED, FAILED,    ROLL_FORWARD, host-b",
            "DEFINED, DEFINED, COMPLETED, ROLL_FORWARD, host-b",
            "DEFINED, DEFINED, FAILED,    ROLL_BACK, host-a",
            "DEFINED, DEFINED, UNKNOWN,   MANUAL,",
            "ABSENT,  ABSENT,  COMPLETED, MANUAL,",
            "ABSENT,  ABSENT,  UNKNOWN,   MANUAL,",
    })
    void row(DomainPresence src, DomainPresence dst, JobKnowledge job, RecoveryAction action, String keeper) {
        RecoveryDecision.Decision decision = RecoveryDecision.decide(s(src), d(dst), job);
        assertThat(decision.action()).isEqualTo(action);
        assertThat(decision.keeper()).isEqualTo(keeper);
    }

    @Test
    void aHostThatCannotBeAskedChangesNothing() {
        for (DomainPresence p : DomainPresence.values()) {
            assertThat(RecoveryDecision.decide(HostView.unreachable("host-a", "connection refused"), d(p),
                    JobKnowledge.COMPLETED).action()).isEqualTo(RecoveryAction.RETRY_LATER);
            assertThat(RecoveryDecision.decide(s(p), HostView.unreachable("host-b", "EOF"), JobKnowledge.FAILED)
                    .reason()).contains("host-b").contains("EOF");
        }
    }

    @Test
    void aJobStillRunningOnEitherHostIsWaitedFor() {
        HostView migrating = HostView.of("host-a", RUNNING, true, true);
        assertThat(RecoveryDecision.decide(migrating, d(PAUSED), JobKnowledge.UNKNOWN).action())
                .isEqualTo(RecoveryAction.WAIT);
        assertThat(RecoveryDecision.decide(s(PAUSED), HostView.of("host-b", RUNNING, false, true),
                JobKnowledge.COMPLETED).action()).isEqualTo(RecoveryAction.WAIT);
    }

    @Test
    void theKeeperIsResumedWhenPausedAndPersistedWhenTransient() {
        RecoveryDecision.Decision fwd = RecoveryDecision.decide(s(ABSENT), HostView.of("host-b", PAUSED, false, false),
                JobKnowledge.UNKNOWN);
        assertThat(fwd.resumeKeeper()).isTrue();
        assertThat(fwd.persistKeeper()).isTrue();
        RecoveryDecision.Decision back = RecoveryDecision.decide(s(RUNNING), d(ABSENT), JobKnowledge.FAILED);
        assertThat(back.resumeKeeper()).isFalse();
        assertThat(back.persistKeeper()).isFalse();
        assertThat(RecoveryDecision.decide(s(DEFINED), d(ABSENT), JobKnowledge.FAILED).persistKeeper())
                .as("an inactive definition is persistent by nature").isFalse();
    }
}
