package dev.novalibvirt.migration.monitor;

/**
 * How a monitored migration ended; Nova's {@code post_method} (completed) vs {@code recover_method} with
 * migration status {@code failed} or {@code cancelled}.
 */
public sealed interface MigrationOutcome {

    /** The guest runs on the destination. */
    record Completed(MigrationEvent.Completed event) implements MigrationOutcome {
    }

    /** The guest still runs on the source; roll back with status {@code failed}. */
    record Failed(String reason) implements MigrationOutcome {
    }

    /** The job was aborted; the guest still runs on the source; roll back with status {@code cancelled}. */
    record Cancelled(String reason) implements MigrationOutcome {
    }

    /**
     * The source libvirtd went away mid-job and neither host proved where the guest is before the monitor's
     * deadline; whoever runs the migration must find out later (the task reports NEEDS_RECOVERY).
     */
    record Unknown(String reason) implements MigrationOutcome {
    }

    /** Nova's migration status string for this outcome ({@code error} when unknown, as Nova marks a lost one). */
    default String novaStatus() {
        if (this instanceof Completed) {
            return "completed";
        }
        if (this instanceof Unknown) {
            return "error";
        }
        return this instanceof Cancelled ? "cancelled" : "failed";
    }

    /** Why it did not complete; empty for {@link Completed} (the other records' own {@code reason} answers). */
    default String reason() {
        return "";
    }
}
