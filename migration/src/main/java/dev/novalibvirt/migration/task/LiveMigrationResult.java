package dev.novalibvirt.migration.task;

import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.MigrationStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a started migration ended.
 *
 * @param migrationId the id its journal records carry
 * @param outcome     where the guest is and what is left to do
 * @param status      null when completed, else Nova's migration status (failed, cancelled, error); null as well
 *                    when libvirt's job end is unknown
 * @param migrateData the migrate data as the last step saw it
 * @param steps       every step in order, with durations
 * @param total       wall time of the whole task
 */
public record LiveMigrationResult(String migrationId, LiveMigrationOutcome outcome, MigrationStatus status,
                                  LibvirtLiveMigrateData migrateData, List<StepReport> steps, Duration total) {
    public LiveMigrationResult {
        Objects.requireNonNull(outcome, "outcome");
        steps = List.copyOf(steps);
    }

    /** The guest runs on the destination and every post step ran. */
    public boolean completed() {
        return outcome.kind() == LiveMigrationOutcome.Kind.COMPLETED;
    }

    /** The duration of one step, or zero if it did not run. */
    public Duration durationOf(Step step) {
        return steps.stream().filter(s -> s.step() == step).map(StepReport::duration).findFirst()
                .orElse(Duration.ZERO);
    }
}
