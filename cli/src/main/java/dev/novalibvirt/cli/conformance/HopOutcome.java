package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.StepReport;
import java.util.List;
import java.util.Optional;

/**
 * How one live migration of the run ended: every step that finished (the failed one included), and the task's
 * result, or the refusal it threw (a pre-check, {@code pre_live_migration}).
 *
 * @param steps  the finished steps in order, as the task reported them
 * @param result the task's result; empty when it threw
 * @param error  {@code Type: message} of what it threw; null when it returned
 */
public record HopOutcome(List<StepReport> steps, Optional<LiveMigrationResult> result, String error) {
    public HopOutcome {
        steps = List.copyOf(steps);
    }

    /** The task returned with the guest on the destination and every post step run. */
    public boolean completed() {
        return result.map(LiveMigrationResult::completed).orElse(false);
    }
}
