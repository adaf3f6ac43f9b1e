package dev.novalibvirt.migration.drain;

/** Where one guest of a drain is. The last five are final. */
public enum GuestState {
    /** Waiting for a slot (source, cluster, or a destination's inbound cap). */
    QUEUED,
    /** Its live migration task runs (pre-checks through post or rollback steps). */
    MIGRATING,
    /** It runs on its destination ({@code LiveMigrationOutcome.Completed}). */
    COMPLETED,
    /** It runs on the source again, destination clean ({@code LiveMigrationOutcome.RolledBack}). */
    ROLLED_BACK,
    /** A step is left for recovery ({@code LiveMigrationOutcome.NeedsRecovery}). */
    NEEDS_RECOVERY,
    /** No destination fitted, a pre-check refused, or pre_live_migration failed: nothing moved. */
    REFUSED,
    /** The drain was aborted before it started. */
    SKIPPED;

    public boolean isFinal() {
        return this != QUEUED && this != MIGRATING;
    }
}
