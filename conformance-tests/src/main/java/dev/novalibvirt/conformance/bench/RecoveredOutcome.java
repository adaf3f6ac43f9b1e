package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import dev.novalibvirt.migration.task.MigrationRecovery;
import java.util.List;

/**
 * The library's word on a migration whose controller was killed ({@link FaultClass#CONTROLLER_KILL}): no task
 * returned an outcome, so what {@code recover()} reported stands for it, in the task's outcome types, for
 * {@link FaultVerdict}'s usual rule (the outcome names the host the guest is on). Pure.
 */
final class RecoveredOutcome {
    /** The host of an outcome when recovery named no keeper (it deferred, or left the case for a person). */
    static final String NO_KEEPER = "none";

    private RecoveredOutcome() {
    }

    /**
     * A finished roll-forward is {@code Completed} on its keeper, a finished roll-back {@code RolledBack} there
     * ({@code failed}: the job did not complete), anything else {@code NeedsRecovery} with the steps that failed.
     * With no report (the journal had nothing unfinished: the task ended before the kill) it is what the controller
     * itself said, or null when it said nothing (the verdict's {@code wrong}).
     */
    static LiveMigrationOutcome of(List<MigrationRecovery.Report> reports, LiveMigrationOutcome controllerSaid) {
        if (reports.isEmpty()) {
            return controllerSaid;
        }
        MigrationRecovery.Report r = reports.get(0);
        String keeper = r.decision().keeper() == null ? NO_KEEPER : r.decision().keeper();
        if (r.finished()) {
            switch (r.decision().action()) {
                case ROLL_FORWARD -> {
                    return new LiveMigrationOutcome.Completed(keeper);
                }
                case ROLL_BACK -> {
                    return new LiveMigrationOutcome.RolledBack(keeper, MigrationStatus.FAILED);
                }
                default -> {
                    // a deferred migration is never finished; nothing else to map
                }
            }
        }
        return new LiveMigrationOutcome.NeedsRecovery(keeper, r.pending());
    }

    /** {@code KIND@host}, with the status of a roll-back: the cells' outcome column. */
    static String label(LiveMigrationOutcome o) {
        if (o == null) {
            return "none";
        }
        return o.kind() + "@" + o.host()
                + (o instanceof LiveMigrationOutcome.RolledBack rb ? "(" + rb.status().novaName() + ")" : "");
    }
}
