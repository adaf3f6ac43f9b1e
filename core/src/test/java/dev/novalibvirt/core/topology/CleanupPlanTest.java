package dev.novalibvirt.core.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.topology.CleanupPlan.ManagerFlags;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The whole cleanup truth table, against Nova's test_live_migration_cleanup_flags_* and driver cleanup cases. */
class CleanupPlanTest {

    private static StorageTopology topology(boolean sharedPath, boolean sharedBlock) {
        return new StorageTopology(sharedPath, sharedBlock, false);
    }

    @Nested
    class ManagerCleanupFlags {
        @Test
        void blockMigrationOfLocalDisksCleansUpAndDestroysDisks() { // _block_migrate_libvirt
            assertThat(CleanupPlan.managerCleanupFlags(topology(false, false))).isEqualTo(new ManagerFlags(true, true));
        }

        @Test
        void sharedBlockStorageCleansUpButKeepsDisks() { // _shared_block_libvirt: the RBD case
            assertThat(CleanupPlan.managerCleanupFlags(topology(false, true))).isEqualTo(new ManagerFlags(true, false));
        }

        @Test
        void sharedInstancePathNeedsNoCleanup() { // _shared_path_libvirt
            assertThat(CleanupPlan.managerCleanupFlags(topology(true, false))).isEqualTo(new ManagerFlags(false, false));
        }

        @Test
        void bothSharedNeedsNoCleanup() { // _shared_libvirt
            assertThat(CleanupPlan.managerCleanupFlags(topology(true, true))).isEqualTo(new ManagerFlags(false, false));
        }
    }

    @ParameterizedTest(name = "success at source: sharedPath={0} sharedBlock={1} -> cleanup={2} dir={3} disks={4}")
    @CsvSource({
        // sharedPath, sharedBlock, doCleanup, removeDir, removeDisks
        "false, true,  true,  true,  false", // RBD, local instances_path: source dir goes, RBD images stay
        "false, false, true,  true,  true",  // block migration: the copied local disks go with the dir
        "true,  true,  false, false, false", // RBD + NFS instances_path (bug 2080436): touch nothing
        "true,  false, false, false, false", // qcow2 on NFS: touch nothing
    })
    void successAtSource(boolean sharedPath, boolean sharedBlock, boolean doCleanup, boolean dir, boolean disks) {
        CleanupPlan plan = CleanupPlan.afterSuccessAtSource(topology(sharedPath, sharedBlock));
        assertThat(plan.doCleanup()).isEqualTo(doCleanup);
        assertThat(plan.removeInstanceDir()).isEqualTo(dir);
        assertThat(plan.removeInstanceDisks()).isEqualTo(disks);
    }

    @ParameterizedTest(name = "rollback at dest: sharedPath={0} sharedBlock={1} -> cleanup={2} dir={3} disks={4}")
    @CsvSource({
        "false, true,  true,  true,  false", // RBD: the dest dir made by pre_live_migration goes, images stay
        "false, false, true,  true,  true",  // block migration: the half-copied dest disks go too
        "true,  true,  false, false, false",
        "true,  false, false, false, false",
    })
    void rollbackAtDestination(boolean sharedPath, boolean sharedBlock, boolean doCleanup, boolean dir,
                               boolean disks) {
        CleanupPlan plan = CleanupPlan.afterRollbackAtDestination(topology(sharedPath, sharedBlock));
        assertThat(plan.doCleanup()).isEqualTo(doCleanup);
        assertThat(plan.removeInstanceDir()).isEqualTo(dir);
        assertThat(plan.removeInstanceDisks()).isEqualTo(disks);
    }

    @ParameterizedTest(name = "cleanup(destroyDisks={0}, md sharedPath={1} sharedBlock={2}) -> dir={3} disks={4}")
    @CsvSource({
        "true,  false, false, true,  true",
        "false, false, true,  true,  false", // test_cleanup_migrate_data_shared_block_storage
        "false, true,  true,  false, false", // test_cleanup_migrate_data_block_storage_and_share_instance_dir
        "false, false, false, false, false",
        "false, true,  false, false, false",
    })
    void cleanupWithMigrateData(boolean destroyDisks, boolean sharedPath, boolean sharedBlock, boolean dir,
                                boolean disks) {
        CleanupPlan plan = CleanupPlan.forCleanup(destroyDisks, topology(sharedPath, sharedBlock), false, true);
        assertThat(plan.removeInstanceDir()).isEqualTo(dir);
        assertThat(plan.removeInstanceDisks()).isEqualTo(disks);
    }

    @ParameterizedTest(name = "cleanup without migrate data: workaround={0} rbd={1} -> dir={2}")
    @CsvSource({"true, true, true", "true, false, false", "false, true, false", "false, false, false"})
    void cleanupWithoutMigrateDataFollowsTheRbdWorkaround(boolean workaround, boolean rbd, boolean dir) {
        CleanupPlan plan = CleanupPlan.forCleanup(false, null, workaround, rbd);
        assertThat(plan.removeInstanceDir()).isEqualTo(dir);
        assertThat(plan.removeInstanceDisks()).isFalse();
    }

    @ParameterizedTest(name = "driver rollback: destroyDisks={0} sharedPath={1} sharedBlock={2} -> dir={3} disks={4}")
    @CsvSource({
        "false, false, true,  true,  false",
        "true,  false, true,  true,  false", // a wrong flag still cannot delete RBD disks
        "true,  false, false, true,  true",
        "false, true,  true,  false, false",
        "false,     , true,  false, false", // no migrate data: Nova assumes a shared path
    })
    void rollbackInTheDestinationDriver(boolean destroyDisks, Boolean sharedPath, boolean sharedBlock, boolean dir,
                                        boolean disks) {
        CleanupPlan plan = CleanupPlan.forRollbackAtDestination(destroyDisks, sharedPath, sharedBlock);
        assertThat(plan.removeInstanceDir()).isEqualTo(dir);
        assertThat(plan.removeInstanceDisks()).isEqualTo(disks);
    }

    @Test
    void noMigrationPathEverDeletesSharedBlockStorage() {
        for (boolean sharedPath : new boolean[] {false, true}) {
            StorageTopology rbd = topology(sharedPath, true);
            assertThat(CleanupPlan.afterSuccessAtSource(rbd).removeInstanceDisks()).isFalse();
            assertThat(CleanupPlan.afterRollbackAtDestination(rbd).removeInstanceDisks()).isFalse();
            assertThat(CleanupPlan.forCleanup(false, rbd, true, true).removeInstanceDisks()).isFalse();
            assertThat(CleanupPlan.forRollbackAtDestination(true, sharedPath, true).removeInstanceDisks()).isFalse();
        }
    }
}
