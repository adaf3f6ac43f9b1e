package dev.novalibvirt.migration.task;

/** Where a running task is; decides what abort and force-complete mean (as Nova's migration status does). */
public enum Phase {
    /** Not started yet, or in the conductor's and hosts' pre-checks (Nova: queued, preparing). */
    CHECKING,
    /** pre_live_migration on the destination. */
    PREPARING,
    /** libvirt's job runs (Nova: running). */
    MIGRATING,
    /** Post or rollback steps. */
    FINISHING,
    /** Over; the result is there. */
    DONE
}
