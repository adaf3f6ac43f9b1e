package dev.novalibvirt.conformance.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.conformance.controller.ControllerLine.Mark;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lines a crashing controller prints for the process that kills it, and what that process reads from them. */
class ControllerLineTest {

    @Test
    void aLineReadsBackAsItWasPrinted() {
        ControllerLine started = new ControllerLine(Mark.STARTED, 81_234_567_890L,
                Map.of("migration", "6c1d7e52-0c5b-4a4e-9d0e-3f1b2a7c9e11"));
        assertThat(started.format())
                .isEqualTo("controller STARTED nanos=81234567890 migration=6c1d7e52-0c5b-4a4e-9d0e-3f1b2a7c9e11");
        assertThat(ControllerLine.parse(started.format())).contains(started);
        assertThat(ControllerLine.parse("controller LIVE_MIGRATION nanos=-5")).get()
                .satisfies(l -> assertThat(l.mark()).isEqualTo(Mark.LIVE_MIGRATION))
                .satisfies(l -> assertThat(l.nanos()).as("nanoTime may be negative").isEqualTo(-5));
    }

    @Test
    void theControllersLogsAndTornLinesAreNotMarks() {
        assertThat(ControllerLine.parse("[main] INFO LiveMigrationTask - migration 6c1d STEP_STARTED")).isEmpty();
        assertThat(ControllerLine.parse("controller STARTED")).as("no stamp").isEmpty();
        assertThat(ControllerLine.parse("controller STARTED nanos=12")).isPresent();
        assertThat(ControllerLine.parse("controller STARTED nanos=")).isEmpty();
        assertThat(ControllerLine.parse("controller STARTED nanos=12x")).isEmpty();
        assertThat(ControllerLine.parse("controller STARTED nanos=12 migration")).as("a word that is no field")
                .isEmpty();
        assertThat(ControllerLine.parse("controller DONE nanos=12")).as("no such mark").isEmpty();
        assertThat(ControllerLine.parse("")).isEmpty();
        assertThat(ControllerLine.parse(null)).isEmpty();
    }

    @Test
    void aFieldThatWouldBreakTheLineIsRefused() {
        assertThatThrownBy(() -> new ControllerLine(Mark.OUTCOME, 1, Map.of("error", "two words")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("error=two words");
        assertThatThrownBy(() -> new ControllerLine(Mark.OUTCOME, 1, Map.of("k", "a=b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOutcomeLineIsTheTasksOutcome() {
        assertThat(ControllerLine.parse("controller OUTCOME nanos=9 kind=COMPLETED host=host-b").flatMap(
                ControllerLine::outcome)).contains(new LiveMigrationOutcome.Completed("host-b"));
        assertThat(ControllerLine.parse("controller OUTCOME nanos=9 kind=ROLLED_BACK host=host-a status=cancelled")
                .flatMap(ControllerLine::outcome))
                .contains(new LiveMigrationOutcome.RolledBack("host-a", MigrationStatus.CANCELLED));
        assertThat(ControllerLine.parse("controller OUTCOME nanos=9 kind=NEEDS_RECOVERY host=host-a")
                .flatMap(ControllerLine::outcome))
                .contains(new LiveMigrationOutcome.NeedsRecovery("host-a", List.of()));
        LiveMigrationResult rolledBack = new LiveMigrationResult("m-1", new LiveMigrationOutcome.RolledBack("host-a",
                MigrationStatus.FAILED), MigrationStatus.FAILED, null, List.of(), Duration.ofSeconds(3));
        assertThat(ControllerLine.outcome(rolledBack).format()).endsWith(" kind=ROLLED_BACK host=host-a status=failed");
        assertThat(ControllerLine.parse(ControllerLine.outcome(rolledBack).format()).flatMap(ControllerLine::outcome))
                .as("what the child printed is what its task returned").contains(rolledBack.outcome());
        assertThat(ControllerLine.threw(new IllegalStateException("x")).format())
                .endsWith("kind=THREW error=IllegalStateException");
        assertThat(ControllerLine.threw(new IllegalStateException("x")).outcome()).as("a throw is no outcome")
                .isEmpty();
        assertThat(ControllerLine.parse("controller OUTCOME nanos=9 kind=COMPLETED").flatMap(ControllerLine::outcome))
                .as("no host").isEmpty();
        assertThat(ControllerLine.now(Mark.STARTED).outcome()).isEmpty();
    }

    @Test
    void theChildsStampTimesTheMarkUnlessItCannotBeOnThisJvmsClock() {
        long read = 1_000_000_000_000L;
        ControllerLine line = new ControllerLine(Mark.LIVE_MIGRATION, read - 2_000_000, Map.of());
        assertThat(line.at(read)).as("2 ms in the pipe").isEqualTo(read - 2_000_000);
        assertThat(new ControllerLine(Mark.LIVE_MIGRATION, read + 1, Map.of()).at(read))
                .as("after it was read: another clock").isEqualTo(read);
        long tooOld = read - ControllerLine.PLAUSIBLE_LAG.plus(Duration.ofMillis(1)).toNanos();
        assertThat(new ControllerLine(Mark.LIVE_MIGRATION, tooOld, Map.of()).at(read)).isEqualTo(read);
    }
}
