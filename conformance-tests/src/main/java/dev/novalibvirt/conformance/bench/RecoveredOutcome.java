package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import dev.novalibvirt.migration.task.MigrationRecovery;
import java.util.List;
import java.util.function.Function;

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
        return of(reports, controllerSaid, host -> null);
    }

    /**
     * The same, with a roll-back's guest state read on its keeper by {@code stateOn} (null: not read). Neither a
     * recovery report nor the controller's OUTCOME line carries it, and a state nobody read must not be judged as
     * "running as before": without a reading the roll-back says {@code NOSTATE}, not read.
     */
    static LiveMigrationOutcome of(List<MigrationRecovery.Report> reports, LiveMigrationOutcome controllerSaid,
            Function<String, PowerState> stateOn) {
        if (reports.isEmpty()) {
            return controllerSaid instanceof LiveMigrationOutcome.RolledBack rb
                    && LiveMigrationOutcome.RolledBack.STATE_NOT_READ.equals(rb.remedy())
                    ? rolledBack(rb.host(), rb.status(), stateOn) : controllerSaid;
        }
        MigrationRecovery.Report r = reports.get(0);
        String keeper = r.decision().keeper() == null ? NO_KEEPER : r.decision().keeper();
        if (r.finished()) {
            switch (r.decision().action()) {
                case ROLL_FORWARD -> {
                    return new LiveMigrationOutcome.Completed(keeper);
                }
                case ROLL_BACK -> {
                    return rolledBack(keeper, MigrationStatus.FAILED, stateOn);
                }
                default -> {
                    // a deferred migration is never finished; nothing else to map
                }
            }
        }
        return new LiveMigrationOutcome.NeedsRecovery(keeper, r.pending());
    }

    /** Rolled back to {@code host} in the state read there, with the step it needs when not running. */
    private static LiveMigrationOutcome.RolledBack rolledBack(String host, MigrationStatus status,
            Function<String, PowerState> stateOn) {
        PowerState p = stateOn.apply(host);
        if (p == null || p == PowerState.NOSTATE) {
            return new LiveMigrationOutcome.RolledBack(host, status);
        }
        String remedy = switch (p) {
            case RUNNING -> "";
            case PAUSED -> "resume the guest on " + host + ": it is paused there after the roll-back";
            case SHUTDOWN, CRASHED -> "start the guest on " + host + ": it is stopped there (power state " + p
                    + ") after the roll-back, which does not boot a guest";
            default -> "find the guest: it reads " + p + " on " + host + " after the roll-back";
        };
        return new LiveMigrationOutcome.RolledBack(host, status, p, remedy);
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
