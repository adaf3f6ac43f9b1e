package dev.novalibvirt.core.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import org.junit.jupiter.api.Test;

/**
 * A boot-from-volume guest's storage decisions, as Nova derives them: its block storage counts as shared (the volume
 * is on Cinder's storage, which both hosts reach), so no migration cleanup removes disks; and the only disks any
 * cleanup removes are the image backend's ({@code <uuid>_*} images), never a Cinder volume.
 */
class VolumeBackedCleanupTest {
    private static final StorageTopology VOLUME_BACKED_LOCAL_PATH = new StorageTopology(false, true, true);

    @Test
    void afterSuccessTheSourceRemovesItsInstanceDirAndNoDisk() {
        CleanupPlan plan = CleanupPlan.afterSuccessAtSource(VOLUME_BACKED_LOCAL_PATH);

        assertThat(plan.doCleanup()).isTrue();
        assertThat(plan.destroyDisks()).isFalse();
        assertThat(plan.removeInstanceDir()).isTrue();
        assertThat(plan.removeInstanceDisks()).isFalse();
    }

    @Test
    void aRollbackAtTheDestinationRemovesItsInstanceDirAndNoDisk() {
        CleanupPlan plan = CleanupPlan.afterRollbackAtDestination(VOLUME_BACKED_LOCAL_PATH);

        assertThat(plan.removeInstanceDir()).isTrue();
        assertThat(plan.removeInstanceDisks()).isFalse();
    }

    @Test
    void theTopologyTheSourceRecordsForABootFromVolumeGuestIsVolumeBacked() {
        Instance bfv = new Instance("6f4b6fa8-0e83-4a3c-9d3f-2b1a0c9e8d7f", "instance-1", 512, 1, 0, null);
        LibvirtLiveMigrateData md = LibvirtLiveMigrateData.builder().isSharedInstancePath(false)
                .isSharedBlockStorage(true).isVolumeBacked(BlockDeviceInfo.none().isVolumeBacked(bfv)).build();

        StorageTopology t = StorageTopology.of(md);

        assertThat(t.volumeBacked()).isTrue();
        assertThat(CleanupPlan.managerCleanupFlags(t).destroyDisks()).isFalse();
    }
}
