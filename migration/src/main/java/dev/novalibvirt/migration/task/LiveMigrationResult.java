package dev.novalibvirt.migration.task;

import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.MigrationStatus;
import java.time.Duration;
import java.util.List;

/**
 * How a started migration ended.
 *
 * @param completed   true when the guest now runs on the destination
 * @param status      null when completed, else Nova's migration status (failed, cancelled, error)
 * @param migrateData the migrate data as the last step saw it
 * @param steps       every step in order, with durations
 * @param total       wall time of the whole task
 */
public record LiveMigrationResult(boolean completed, MigrationStatus status, LibvirtLiveMigrateData migrateData,
                                  List<StepReport> steps, Duration total) {
    public LiveMigrationResult {
        steps = List.copyOf(steps);
    }

    /** The duration of one step, or zero if it did not run. */
    public Duration durationOf(Step step) {
        return steps.stream().filter(s -> s.step() == step).map(StepReport::duration).findFirst()
                .orElse(Duration.ZERO);
    }
}
