package dev.novalibvirt.core.driver;

/**
 * The {@code post_method} and {@code recover_method} Nova's compute manager hands to {@code driver.live_migration}
 * ({@code _post_live_migration_update_host} and {@code _rollback_live_migration}). Exactly one of them is called,
 * once, from the thread that called {@link ComputeDriver#liveMigration}, decided by libvirt's job state.
 */
public interface LiveMigrationCallbacks {

    /** The job completed: the guest runs on {@code dest}. Mirrors Nova's {@code post_method}. */
    void postMethod(Instance instance, String dest, boolean blockMigration, LibvirtLiveMigrateData migrateData);

    /** The job failed or was cancelled: the guest still runs on the source. Mirrors {@code recover_method}. */
    void recoverMethod(Instance instance, String dest, LibvirtLiveMigrateData migrateData, MigrationStatus status);

    /**
     * The job had switched to post-copy (Nova's monitor then saves the migration as {@code running (post-copy)}):
     * the guest runs on {@code dest} while part of its memory is still on the source, so a job that then fails can
     * be neither rolled back nor forward safely. Called at most once, before {@link #postMethod} or
     * {@link #recoverMethod} (or before {@code live_migration} throws), on the same thread. A driver that cannot
     * tell does not call it; the default ignores it.
     */
    default void switchedToPostCopy(Instance instance, String dest) {
    }
}
