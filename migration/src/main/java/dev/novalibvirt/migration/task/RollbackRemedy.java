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
        String nothingThere = "nothing of it runs on " + destination;
        return switch (after) {
            // the user's pause was undone: libvirt resumes a source whose job failed
            case RUNNING -> before == PowerState.PAUSED ? "pause the guest again on " + host + ": its user had "
                    + "paused it before the migration and it runs there now (" + nothingThere + ")" : "";
            case PAUSED -> pausedRemedy(host, before, nothingThere);
            // power-management suspend: QEMU is alive, the guest sleeps; starting it would be refused
            case SUSPENDED -> before == PowerState.SUSPENDED ? ""
                    : "wake the guest on " + host + " (virDomainPMWakeup): it is suspended there by power "
                            + "management, its QEMU alive, and was " + known(before) + " before the migration ("
                            + nothingThere + ")";
            case SHUTDOWN, CRASHED -> "start the guest on " + host + ": its QEMU stopped during the migration (power "
                    + "state " + after + "); its definition and disk are on " + host + ", nothing of it is on "
                    + destination + ", and a rollback does not boot a guest";
            case NOSTATE -> "find the guest: its state on " + host + " reads NOSTATE after the rollback (libvirt "
                    + "could not tell it; " + nothingThere + ")";
        };
    }

    private static String pausedRemedy(String host, PowerState before, String nothingThere) {
        if (before == PowerState.PAUSED) {
            return "";
        }
        if (before == null) {
            return "resume the guest on " + host + " unless its user had paused it: it is paused there now and its "
                    + "state before the migration was not read (" + nothingThere + ")";
        }
        return "resume the guest on " + host + ": it was " + before + " before the migration and is paused there now "
                + "(the migration's pause was not undone; " + nothingThere + ")";
    }

    private static String known(PowerState before) {
        return before == null ? "in a state not read" : before.toString();
    }
}
