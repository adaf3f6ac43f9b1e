package dev.novalibvirt.migration.task;

import dev.novalibvirt.core.driver.PowerState;

/**
 * What a rolled-back guest needs from the embedder, decided from its power state before the migration and after the
 * rollback; pure, so each case is unit-tested. Rollback puts the guest back where it was, but it does not boot a
 * guest whose QEMU died during the job, as Nova's {@code _rollback_live_migration} does not (Nova's power-state sync
 * then records it as stopped); saying so is the difference between "rolled back" and "rolled back, and down".
 */
final class RollbackRemedy {
    private RollbackRemedy() {
    }

    /**
     * @param host        the source, where the guest is
     * @param destination the host it was migrating to
     * @param before      its power state when the task began (null: unknown)
     * @param after       its power state now, or null when it could not be read
     * @param readError   why it could not be read (when {@code after} is null)
     * @return empty when the guest is as it was; else the step with why
     */
    static String of(String host, String destination, PowerState before, PowerState after, String readError) {
        if (after == null) {
            return "find the guest: its state on " + host + " could not be read after the rollback (" + readError
                    + ")";
        }
        return switch (after) {
            case RUNNING -> "";
            case PAUSED -> before == PowerState.PAUSED ? ""
                    : "resume the guest on " + host + ": it ran before the migration and is paused there now (the "
                            + "migration's pause was not undone; nothing of it runs on " + destination + ")";
            default -> "start the guest on " + host + ": its QEMU stopped during the migration (power state " + after
                    + "); its definition and disk are on " + host + ", nothing of it is on " + destination
                    + ", and a rollback does not boot a guest";
        };
    }
}
