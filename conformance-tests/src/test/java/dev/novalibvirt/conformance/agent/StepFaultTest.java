package dev.novalibvirt.conformance.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.migration.task.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The fault the agent tests inject as a migration step starts, played against the listener calls a task makes: the
 * agent "killed" before live_migration is sent, the broker "restarted" while the task goes on, and a fault that fails.
 */
class StepFaultTest {
    private final List<String> happened = new ArrayList<>();

    private void migrationSteps(AgentController.StepFault<?> fault) {
        for (Step step : List.of(Step.CHECK_CAN_LIVE_MIGRATE_DESTINATION, Step.PRE_LIVE_MIGRATION,
                Step.LIVE_MIGRATION, Step.POST_LIVE_MIGRATION_AT_DESTINATION, Step.LIVE_MIGRATION)) {
            fault.stepStarted(step, "host-a");
            synchronized (happened) {
                happened.add("sent " + step);
            }
        }
    }

    @Test
    void beforeStrikesOnceAndBeforeItsStepIsSent() {
        AgentController.StepFault<Void> kill = AgentController.StepFault.before(Step.LIVE_MIGRATION,
                () -> happened.add("agent of host-b killed"));

        migrationSteps(kill);

        assertThat(happened).containsExactly("sent CHECK_CAN_LIVE_MIGRATE_DESTINATION", "sent PRE_LIVE_MIGRATION",
                "agent of host-b killed", "sent LIVE_MIGRATION", "sent POST_LIVE_MIGRATION_AT_DESTINATION",
                "sent LIVE_MIGRATION");
        assertThat(kill.done()).isCompleted();
        assertThat(kill.firstStarted(Step.POST_LIVE_MIGRATION_AT_DESTINATION)).isPresent();
        assertThat(kill.firstStarted(Step.LIVE_MIGRATION).getAsLong())
                .isLessThanOrEqualTo(kill.firstStarted(Step.POST_LIVE_MIGRATION_AT_DESTINATION).getAsLong());
        assertThat(kill.firstStarted(Step.ROLLBACK_LIVE_MIGRATION_AT_SOURCE)).isEmpty();
    }

    @Test
    void meanwhileLetsTheTaskGoOnAndEndsWithTheFaultsAnswer() {
        CountDownLatch stepsSent = new CountDownLatch(1);
        AgentController.StepFault<String> restart = AgentController.StepFault.meanwhile(Step.LIVE_MIGRATION, () -> {
            try {
                // the broker's restart outlasts the rest of the task's steps
                return stepsSent.await(10, TimeUnit.SECONDS) ? Thread.currentThread().getName() : "too late";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        });

        migrationSteps(restart);
        assertThat(restart.done()).as("still restarting while the task went on").isNotDone();
        stepsSent.countDown();

        assertThat(restart.done()).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("fault-at-live_migration");
    }

    @Test
    void aFaultThatFailsNeverReachesTheTaskAndDoneSaysWhy() {
        AgentController.StepFault<Void> broken = AgentController.StepFault.before(Step.LIVE_MIGRATION, () -> {
            throw new IllegalStateException("agents.sh kill b failed (1)");
        });

        migrationSteps(broken);

        assertThat(happened).contains("sent LIVE_MIGRATION");
        assertThat(broken.done()).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withRootCauseInstanceOf(IllegalStateException.class)
                .withMessageContaining("agents.sh kill b failed (1)");
    }

    @Test
    void aFaultWhoseStepNeverStartsNeverStrikes() {
        AgentController.StepFault<Void> kill = AgentController.StepFault.meanwhile(
                Step.ROLLBACK_LIVE_MIGRATION_AT_SOURCE, () -> {
                    happened.add("struck");
                });

        migrationSteps(kill);

        assertThat(kill.done()).isNotDone();
        assertThat(happened).doesNotContain("struck");
    }
}
