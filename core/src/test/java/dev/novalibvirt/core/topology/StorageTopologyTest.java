package dev.novalibvirt.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.exception.MigrationError;
import org.junit.jupiter.api.Test;

/** Mirrors Nova's test_is_shared_block_storage_* cases for _is_shared_block_storage. */
class StorageTopologyTest {

    @Test
    void rbdOnBothHostsIsSharedBlockStorage() {
        assertThat(StorageTopology.isSharedBlockStorage("rbd", "rbd", true, false, false, false, false)).isTrue();
    }

    @Test
    void lvmIsNotShared() {
        assertThat(StorageTopology.isSharedBlockStorage("lvm", "lvm", false, false, false, false, true)).isFalse();
    }

    @Test
    void qcow2OnASharedInstancePathIsShared() {
        assertThat(StorageTopology.isSharedBlockStorage("qcow2", "qcow2", false, true, true, false, true)).isTrue();
    }

    @Test
    void nfsFlatFilesAreShared() {
        assertThat(StorageTopology.isSharedBlockStorage("raw", "raw", false, true, true, false, true)).isTrue();
    }

    @Test
    void rbdOnlyOnTheSourceIsNotShared() {
        assertThat(StorageTopology.isSharedBlockStorage("qcow2", "rbd", true, false, false, false, false)).isFalse();
    }

    @Test
    void rbdOnlyOnTheDestinationIsNotShared() {
        assertThat(StorageTopology.isSharedBlockStorage("rbd", "qcow2", false, false, true, false, true)).isFalse();
    }

    @Test
    void destinationThatDidNotSayItsImageTypeIsNotShared() {
        assertThat(StorageTopology.isSharedBlockStorage(null, "rbd", true, false, false, false, false)).isFalse();
    }

    @Test
    void volumeBackedWithoutLocalDisksIsShared() {
        assertThat(StorageTopology.isSharedBlockStorage("qcow2", "qcow2", false, false, true, true, false)).isTrue();
    }

    @Test
    void volumeBackedWithALocalDiskIsNotShared() {
        assertThat(StorageTopology.isSharedBlockStorage("qcow2", "qcow2", false, false, true, true, true)).isFalse();
    }

    @Test
    void topologyIsReadFromSourceCheckedMigrateData() {
        LibvirtLiveMigrateData md = LibvirtLiveMigrateData.builder()
                .isSharedInstancePath(false).isSharedBlockStorage(true).isVolumeBacked(false).build();
        assertThat(StorageTopology.of(md)).isEqualTo(new StorageTopology(false, true, false));
        assertThat(StorageTopology.of(md).onSharedStorage()).isTrue();
    }

    @Test
    void migrateDataWithoutTheSourceCheckIsRefused() {
        assertThatThrownBy(() -> StorageTopology.of(LibvirtLiveMigrateData.empty()))
                .isInstanceOf(MigrationError.class).hasMessageContaining("check_can_live_migrate_source");
    }
}
