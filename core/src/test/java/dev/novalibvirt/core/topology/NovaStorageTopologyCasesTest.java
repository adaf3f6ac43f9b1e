package dev.novalibvirt.core.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.Domain;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Nova's cases for {@code _is_shared_block_storage} (test_driver.py), {@code _live_migration_cleanup_flags}
 * (test_compute_mgr.py) and the flag conversion of {@code cleanup} / {@code rollback_live_migration_at_destination}
 * (test_driver.py), one method per Nova test, named after it. Cases about vPMEM, mdevs and Hyper-V do not apply.
 */
class NovaStorageTopologyCasesTest {
    private static final BlockDeviceInfo NO_VOLUMES = BlockDeviceInfo.none();
    private static final BlockDeviceInfo VDA_IS_A_VOLUME =
            new BlockDeviceInfo("/dev/vda", List.of(new BlockDeviceMapping("/dev/vda", "vol-1")));

    /** Counts how often the guest's XML is read (Nova asserts _get_instance_disk_info is not called). */
    private final AtomicInteger xmlReads = new AtomicInteger();

    private Supplier<Domain> guest(String disks) {
        return () -> {
            xmlReads.incrementAndGet();
            return DomainXml.parse("<domain type='kvm'><name>i</name><devices>" + disks + "</devices></domain>");
        };
    }

    private static final String BLOCK_VDA = "<disk type='block' device='disk'><driver name='qemu' type='raw'/>"
            + "<source dev='/dev/disk'/><target dev='vda' bus='virtio'/></disk>";
    private static final String FILE_VDB = "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
            + "<source file='/instance/disk.local'/><target dev='vdb' bus='virtio'/></disk>";
    private static final String RBD_VDA = "<disk type='network' device='disk'><driver name='qemu' type='raw'/>"
            + "<source protocol='rbd' name='vms/x_disk'><host name='198.18.0.2' port='6789'/></source>"
            + "<target dev='vda' bus='virtio'/></disk>";

    private static LibvirtLiveMigrateData.Builder data() {
        return LibvirtLiveMigrateData.builder();
    }

    @Test
    void test_is_shared_block_storage_rbd() {
        assertThat(StorageTopology.isSharedBlockStorage(data().imageType("rbd").build(), "rbd", true, false,
                guest(RBD_VDA), NO_VOLUMES)).isTrue();
        assertThat(xmlReads).hasValue(0);
    }

    @Test
    void test_is_shared_block_storage_lvm() {
        assertThat(StorageTopology.isSharedBlockStorage(data().imageType("lvm").isVolumeBacked(false)
                .isSharedInstancePath(false).build(), "lvm", false, false, guest(BLOCK_VDA), NO_VOLUMES)).isFalse();
        assertThat(xmlReads).hasValue(0);
    }

    @Test
    void test_is_shared_block_storage_qcow2() {
        assertThat(StorageTopology.isSharedBlockStorage(data().imageType("qcow2").isVolumeBacked(false)
                .isSharedInstancePath(false).build(), "qcow2", false, true, guest(FILE_VDB), NO_VOLUMES)).isFalse();
        assertThat(xmlReads).hasValue(0);
    }

    @Test
    void test_is_shared_block_storage_rbd_only_source() {
        assertThat(StorageTopology.isSharedBlockStorage(data().isSharedInstancePath(false).isVolumeBacked(false)
                .build(), "rbd", true, false, guest(RBD_VDA), NO_VOLUMES)).isFalse();
        assertThat(xmlReads).hasValue(0);
    }

    @Test
    void test_is_shared_block_storage_rbd_only_dest() {
        assertThat(StorageTopology.isSharedBlockStorage(data().imageType("rbd").isVolumeBacked(false)
                .isSharedInstancePath(false).build(), "default", false, true, guest(FILE_VDB), NO_VOLUMES))
                .isFalse();
        assertThat(xmlReads).hasValue(0);
    }

    /** The issue-14 mismatch: the only disk is a volume (a block disk with a path), so storage is shared. */
    @Test
    void test_is_shared_block_storage_volume_backed() {
        assertThat(StorageTopology.isSharedBlockStorage(data().isVolumeBacked(true).isSharedInstancePath(false)
                .build(), "default", false, true, guest(BLOCK_VDA), VDA_IS_A_VOLUME)).isTrue();
        assertThat(xmlReads).hasValue(1);
    }

    @Test
    void test_is_shared_block_storage_volume_backed_with_disk() {
        assertThat(StorageTopology.isSharedBlockStorage(data().isVolumeBacked(true).isSharedInstancePath(false)
                .build(), "default", false, true, guest(BLOCK_VDA + FILE_VDB), VDA_IS_A_VOLUME)).isFalse();
        assertThat(InstanceDisks.localDisks(guest(BLOCK_VDA + FILE_VDB).get(), VDA_IS_A_VOLUME))
                .containsExactly("vdb");
    }

    @Test
    void test_is_shared_block_storage_nfs() {
        assertThat(StorageTopology.isSharedBlockStorage(data().isSharedInstancePath(true).imageType("foo").build(),
                "default", false, true, guest(FILE_VDB), NO_VOLUMES)).isTrue();
        assertThat(xmlReads).hasValue(0);
    }

    @Test
    void volumeBackedWithRbdNetworkDisksOnlyIsShared() {
        assertThat(StorageTopology.isSharedBlockStorage(data().isVolumeBacked(true).isSharedInstancePath(false)
                .build(), "default", false, true, guest(RBD_VDA), null)).isTrue();
    }

    @Test
    void withoutBlockDeviceInfoAVolumeLooksLikeALocalDisk() {
        assertThat(InstanceDisks.localDisks(guest(BLOCK_VDA).get(), null)).containsExactly("vda");
        assertThat(InstanceDisks.localDisks(guest(BLOCK_VDA).get(),
                new BlockDeviceInfo("/dev/vda", List.of(new BlockDeviceMapping("vda", null))))).isEmpty();
    }

    // ------------------------------------------------------------ _live_migration_cleanup_flags (test_compute_mgr)

    private static CleanupPlan.ManagerFlags managerFlags(boolean sharedPath, boolean sharedBlock) {
        return CleanupPlan.managerCleanupFlags(new StorageTopology(sharedPath, sharedBlock, false));
    }

    @Test
    void test_live_migration_cleanup_flags_block_migrate_libvirt() {
        assertThat(managerFlags(false, false)).isEqualTo(new CleanupPlan.ManagerFlags(true, true));
    }

    @Test
    void test_live_migration_cleanup_flags_shared_block_libvirt() {
        assertThat(managerFlags(false, true)).isEqualTo(new CleanupPlan.ManagerFlags(true, false));
    }

    @Test
    void test_live_migration_cleanup_flags_shared_path_libvirt() {
        assertThat(managerFlags(true, false)).isEqualTo(new CleanupPlan.ManagerFlags(false, false));
    }

    @Test
    void test_live_migration_cleanup_flags_shared_libvirt() {
        assertThat(managerFlags(true, true)).isEqualTo(new CleanupPlan.ManagerFlags(false, false));
    }

    // ------------------------------------------------------------ cleanup / rollback_live_migration_at_destination

    @Test
    void test_cleanup_migrate_data_shared_block_storage() {
        CleanupPlan plan = CleanupPlan.forCleanup(false, new StorageTopology(false, true, false), false, true);
        assertThat(plan.removeInstanceDir()).isTrue();
        assertThat(plan.removeInstanceDisks()).isFalse();
    }

    @Test
    void test_cleanup_migrate_data_block_storage_and_share_instance_dir() {
        CleanupPlan plan = CleanupPlan.forCleanup(false, new StorageTopology(true, true, true), false, false);
        assertThat(plan.removeInstanceDir()).isFalse();
        assertThat(plan.removeInstanceDisks()).isFalse();
    }

    @Test
    void test_cleanup_instance_dir_with_rbd_workaround() {
        CleanupPlan plan = CleanupPlan.forCleanup(false, null, true, true);
        assertThat(plan.removeInstanceDir()).isTrue();
        assertThat(plan.removeInstanceDisks()).isFalse();
    }

    @Test
    void test_rollback_live_migration_at_dest_not_shared() {
        CleanupPlan plan = CleanupPlan.forRollbackAtDestination(true, false, false);
        assertThat(plan.removeInstanceDir()).isTrue();
        assertThat(plan.destroyDisks()).isTrue();
    }

    @Test
    void test_rollback_live_migration_at_dest_shared() {
        CleanupPlan plan = CleanupPlan.forRollbackAtDestination(true, true, false);
        assertThat(plan.removeInstanceDir()).isFalse();
        assertThat(plan.destroyDisks()).isTrue();
    }
}
