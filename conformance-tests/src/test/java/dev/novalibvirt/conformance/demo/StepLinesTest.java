package dev.novalibvirt.conformance.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.migration.task.LiveMigrationListener;
import dev.novalibvirt.migration.task.Step;
import dev.novalibvirt.migration.task.StepReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A hop's contract steps, a phase to a wrapped line; the steps before live_migration printed as it starts. */
class StepLinesTest {

    private static StepReport step(Step step, String host, long ms) {
        return new StepReport(step, host, Duration.ofMillis(ms), null);
    }

    @Test
    void aStepIsItsNovaNameItsHostAndItsDurationAndAFailureSaysSo() {
        assertThat(StepLines.item(step(Step.PRE_LIVE_MIGRATION, "host-b", 180)))
                .isEqualTo("pre_live_migration host-b 180 ms");
        assertThat(StepLines.item(step(Step.LIVE_MIGRATION, "host-a", 1870))).isEqualTo("live_migration host-a 1.9 s");
        assertThat(StepLines.item(new StepReport(Step.CHECK_CAN_LIVE_MIGRATE_SOURCE, "host-a", Duration.ofMillis(20),
                "InvalidSharedStorage: no")))
                .isEqualTo("check_can_live_migrate_source host-a 20 ms FAILED: InvalidSharedStorage: no");
    }

    @Test
    void itemsAreCommaSeparatedAfterTheLabelAndWrappedUnderTheFirstItem() {
        List<String> lines = StepLines.lines("pre", List.of("check_compatible_hypervisor host-a 2 ms",
                "check_can_live_migrate_destination host-b 41 ms", "pre_live_migration host-b 180 ms"), 80);

        assertThat(lines).containsExactly(
                "  pre   check_compatible_hypervisor host-a 2 ms,",
                "        check_can_live_migrate_destination host-b 41 ms,",
                "        pre_live_migration host-b 180 ms");
        assertThat(lines).allMatch(l -> l.length() <= 80);
        assertThat(StepLines.lines("pre", List.of("check_compatible_hypervisor host-a 2 ms",
                "check_can_live_migrate_destination host-b 41 ms", "pre_live_migration host-b 180 ms"), 120))
                .containsExactly("  pre   check_compatible_hypervisor host-a 2 ms, "
                        + "check_can_live_migrate_destination host-b 41 ms,", "        pre_live_migration host-b 180 ms");
    }

    @Test
    void anItemLongerThanALineGetsALineOfItsOwnAndNoItemsNoLine() {
        assertThat(StepLines.lines("guest", List.of("hb 1 -> 3", "x".repeat(50), "io 1 -> 3 OK"), 40))
                .containsExactly("  guest hb 1 -> 3,", "        " + "x".repeat(50) + ",", "        io 1 -> 3 OK");
        assertThat(StepLines.lines("post", List.of(), 80)).isEmpty();
    }

    @Test
    void theStepsBeforeLiveMigrationArePrintedAsItStartsAndEveryCallGoesOn() {
        StringWriter text = new StringWriter();
        List<String> heard = new ArrayList<>();
        StepLines steps = new StepLines(new PrintWriter(text), 100, new LiveMigrationListener() {
            @Override
            public void stepStarted(Step step, String host) {
                heard.add("started " + step);
            }

            @Override
            public void stepFinished(StepReport report) {
                heard.add("finished " + report.step());
            }
        });

        steps.stepFinished(step(Step.CHECK_CAN_LIVE_MIGRATE_DESTINATION, "host-b", 41));
        steps.stepFinished(step(Step.PRE_LIVE_MIGRATION, "host-b", 180));
        steps.stepStarted(Step.LIVE_MIGRATION, "host-a");
        steps.stepFinished(step(Step.LIVE_MIGRATION, "host-a", 1870));
        steps.stepFinished(step(Step.POST_LIVE_MIGRATION, "host-a", 30));

        assertThat(text.toString()).isEqualTo(
                "  pre   check_can_live_migrate_destination host-b 41 ms, pre_live_migration host-b 180 ms"
                        + System.lineSeparator());
        assertThat(steps.take()).extracting(StepReport::step).containsExactly(Step.LIVE_MIGRATION,
                Step.POST_LIVE_MIGRATION);
        assertThat(steps.take()).isEmpty();
        assertThat(heard).containsExactly("finished CHECK_CAN_LIVE_MIGRATE_DESTINATION", "finished PRE_LIVE_MIGRATION",
                "started LIVE_MIGRATION", "finished LIVE_MIGRATION", "finished POST_LIVE_MIGRATION");
    }
}
