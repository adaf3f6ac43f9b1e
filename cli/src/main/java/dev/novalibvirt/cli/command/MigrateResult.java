package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.ExitCodes;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.progress.Units;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import java.time.Duration;
import java.util.List;

/**
 * How {@code migrate INSTANCE --to HOST} ended: the task's typed outcome, where the guest is, and the monitor's
 * figures. Exit code per outcome: 0 completed, 3 rolled back (also when the guest was left stopped or paused on the
 * source: the remedy is printed, the outcome is still a rollback and the journal has no step left for it),
 * 4 needs recovery.
 *
 * @param instance    the domain name
 * @param uuid        the instance uuid
 * @param source      the host it ran on
 * @param destination the host it was sent to
 * @param outcome     COMPLETED, ROLLED_BACK or NEEDS_RECOVERY
 * @param status      Nova's migration status when not completed (failed, cancelled, error), else null
 * @param host        the host that has the guest now (for NEEDS_RECOVERY: last known)
 * @param migrationId the id the journal's records carry
 * @param durationMs  wall time of the whole task
 * @param downtimeMs  libvirt's measured downtime, null when unknown (not completed, or libvirt gave none)
 * @param bytes       bytes transferred, null when unknown
 * @param powerState  Nova's {@code power_state} of the guest on the source after a rollback that did not leave it as
 *                    before (e.g. SHUTDOWN: its QEMU died during the job), else null
 * @param remedy      what the operator must do after such a rollback ("start the guest on compute-1: ..."), else null
 * @param pending     the steps left for recovery (NEEDS_RECOVERY)
 * @param journal     the journal file
 */
record MigrateResult(String instance, String uuid, String source, String destination, String outcome, String status,
                     String host, String migrationId, long durationMs, Long downtimeMs, Long bytes,
                     String powerState, String remedy, List<Pending> pending, String journal) implements Report {

    /** A step recovery has to run. */
    record Pending(String step, String host, String reason) {
    }

    @Override
    public int exitCode() {
        return switch (LiveMigrationOutcome.Kind.valueOf(outcome)) {
            case COMPLETED -> ExitCodes.OK;
            case ROLLED_BACK -> ExitCodes.ROLLED_BACK;
            case NEEDS_RECOVERY -> ExitCodes.NEEDS_RECOVERY;
        };
    }

    @Override
    public String toText() {
        StringBuilder t = new StringBuilder();
        String took = Units.duration(Duration.ofMillis(durationMs));
        switch (LiveMigrationOutcome.Kind.valueOf(outcome)) {
            case COMPLETED -> t.append("Migrated ").append(instance).append(" (").append(uuid).append(") from ")
                    .append(source).append(" to ").append(destination).append(": COMPLETED in ").append(took)
                    .append('\n').append("  downtime ")
                    .append(downtimeMs == null ? "unknown" : Units.duration(Duration.ofMillis(downtimeMs)))
                    .append(", ").append(bytes == null ? "?" : Units.bytes(bytes)).append(" transferred\n");
            case ROLLED_BACK -> t.append("Migration of ").append(instance).append(" (").append(uuid).append(") to ")
                    .append(destination).append(": ROLLED_BACK (").append(status).append(") after ").append(took)
                    .append('\n').append(remedy == null ? "  the guest runs on " + host
                            + ", the destination is clean; nothing is left to do\n"
                            : "  the guest is on " + host + " with power state " + powerState
                            + ", the destination is clean; to do: " + remedy + '\n');
            case NEEDS_RECOVERY -> {
                t.append("Migration of ").append(instance).append(" (").append(uuid).append(") to ")
                        .append(destination).append(": NEEDS_RECOVERY after ").append(took).append('\n')
                        .append("  the guest was last on ").append(host).append("; steps left:\n");
                pending.forEach(p -> t.append("  - ").append(p.step()).append(" on ").append(p.host()).append(": ")
                        .append(p.reason()).append('\n'));
            }
        }
        t.append("  journal ").append(journal).append(" (migration ").append(migrationId).append(")\n");
        return t.toString();
    }
}
