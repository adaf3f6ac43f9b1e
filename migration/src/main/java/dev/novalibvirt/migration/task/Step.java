package dev.novalibvirt.migration.task;

/** The steps of a live migration in the order Nova's conductor and compute manager run them, with their host. */
public enum Step {
    /** conductor: {@code _check_compatible_with_source_hypervisor}. */
    CHECK_COMPATIBLE_HYPERVISOR("conductor"),
    /** destination: {@code check_can_live_migrate_destination}. */
    CHECK_CAN_LIVE_MIGRATE_DESTINATION("destination"),
    /** source: {@code check_can_live_migrate_source}. */
    CHECK_CAN_LIVE_MIGRATE_SOURCE("source"),
    /** destination: {@code cleanup_live_migration_destination_check} (always, in a finally). */
    CLEANUP_LIVE_MIGRATION_DESTINATION_CHECK("destination"),
    /** destination: {@code pre_live_migration}. */
    PRE_LIVE_MIGRATION("destination"),
    /** source: {@code live_migration} (blocks until libvirt's job ends). */
    LIVE_MIGRATION("source"),
    /** source: {@code post_live_migration}. */
    POST_LIVE_MIGRATION("source"),
    /** source: {@code post_live_migration_at_source}. */
    POST_LIVE_MIGRATION_AT_SOURCE("source"),
    /** source: {@code cleanup} with the cleanup plan (instance dir; never shared disks). */
    CLEANUP_SOURCE("source"),
    /** destination: {@code post_live_migration_at_destination}. */
    POST_LIVE_MIGRATION_AT_DESTINATION("destination"),
    /** source: {@code rollback_live_migration_at_source}. */
    ROLLBACK_LIVE_MIGRATION_AT_SOURCE("source"),
    /** destination: {@code rollback_live_migration_at_destination}. */
    ROLLBACK_LIVE_MIGRATION_AT_DESTINATION("destination");

    private final String side;

    Step(String side) {
        this.side = side;
    }

    /** conductor, source or destination. */
    public String side() {
        return side;
    }
}
