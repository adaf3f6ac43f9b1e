package dev.novalibvirt.migration.task;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.topology.CleanupPlan;
import dev.novalibvirt.core.topology.StorageTopology;

/**
 * The bodies of the post and rollback steps, with the {@link CleanupPlan} flags Nova's manager derives; shared by the
 * task and by {@link MigrationRecovery}, which redoes them after a crash. Each is safe to run twice.
 */
record CleanupSteps(ComputeDriver source, ComputeDriver destination, Instance instance, NetworkInfo networkInfo,
                    BlockDeviceInfo blockDeviceInfo) {

    static CleanupPlan.ManagerFlags flags(LibvirtLiveMigrateData md) {
        return CleanupPlan.managerCleanupFlags(StorageTopology.of(md));
    }

    Void postLiveMigration(LibvirtLiveMigrateData md) {
        source.postLiveMigration(instance, blockDeviceInfo, md);
        return null;
    }

    /** @return destroy_vifs for the cleanup: true only when the source has no post_live_migration_at_source */
    Boolean postAtSource() {
        try {
            source.postLiveMigrationAtSource(instance, networkInfo);
            return false;
        } catch (UnsupportedOperationException e) {
            return true;
        }
    }

    boolean sourceCleanupNeeded(LibvirtLiveMigrateData md) {
        return flags(md).doCleanup();
    }

    Void cleanupSource(LibvirtLiveMigrateData md, boolean destroyVifs) {
        // as Nova's _post_live_migration: no volumes, post_live_migration disconnected them already
        source.cleanup(instance, networkInfo, blockDeviceInfo.withoutVolumes(), flags(md).destroyDisks(), md,
                destroyVifs, true);
        return null;
    }

    Void postAtDestination(boolean blockMigration) {
        destination.postLiveMigrationAtDestination(instance, networkInfo, blockMigration, blockDeviceInfo);
        return null;
    }

    Void rollbackAtSource(LibvirtLiveMigrateData md) {
        source.rollbackLiveMigrationAtSource(instance, md);
        return null;
    }

    boolean destinationRollbackNeeded(LibvirtLiveMigrateData md) {
        return flags(md).doCleanup();
    }

    Void rollbackAtDestination(LibvirtLiveMigrateData md) {
        destination.rollbackLiveMigrationAtDestination(instance, networkInfo, blockDeviceInfo.withoutVolumes(),
                flags(md).destroyDisks(), md);
        return null;
    }
}
