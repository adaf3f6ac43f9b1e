package dev.novalibvirt.migration.task;

import java.util.List;

/**
 * A snapshot of a running task.
 *
 * @param phase    where it is
 * @param current  the step running now, or null between steps
 * @param finished the steps finished so far
 */
public record MigrationProgress(Phase phase, Step current, List<StepReport> finished) {
    public MigrationProgress {
        finished = List.copyOf(finished);
    }
}
