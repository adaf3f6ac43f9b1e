package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.ceph.CephConfigException;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check_can_live_migrate_source for a boot-from-volume guest, with a destination whose images_type differs (so the
 * image backend alone does not make the storage shared): Nova's test_is_shared_block_storage_volume_backed and
 * _volume_backed_with_disk through the driver step, with is_volume_backed taken from the root bdm.
 */
class VolumeBackedPreChecksTest {
    private static final ComputeInfo SOURCE = new ComputeInfo("host-a", "QEMU", 7_002_000, "<cpu/>", 20, 10);
    private static final ComputeInfo DEST = new ComputeInfo("host-b", "QEMU", 7_002_000, "<cpu/>", 20, 10);
    private static final String ROOT_VOLUME = "<disk type='network' device='disk'><driver name='qemu' type='raw'/>"
            + "<source protocol='rbd' name='volumes/volume-a1'><host name='198.51.100.7' port='6789'/></source>"
            + "<target dev='vda' bus='virtio'/><serial>a1b2c3d4-0000-4000-8000-000000000001</serial>"
            + "<alias name='ua-a1b2c3d4-0000-4000-8000-000000000001'/></disk>";
    private static final String LOCAL_FILE = "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
            + "<source file='/var/lib/nova/instances/x/disk.local'/><target dev='vdb' bus='virtio'/></disk>";
    /** The root disk is a volume (boot_index 0) although the instance still names the image it was made from. */
    private static final BlockDeviceInfo ROOT_IS_A_VOLUME = new BlockDeviceInfo("/dev/vda", List.of(
            new BlockDeviceMapping("/dev/vda", "a1b2c3d4-0000-4000-8000-000000000001", null, 0, false, "virtio",
                    "disk", null)));

    @TempDir
    Path aPath;
    @TempDir
    Path bPath;

    private LibvirtLiveMigrateData sourceCheck(String disks) {
        StepFixture a = new StepFixture("host-a", aPath, "");
        StepFixture b = new StepFixture("host-b", bPath, "");
        a.host.add(new FakeGuest(StepFixture.instance().name(), "<domain type='kvm'><name>"
                + StepFixture.instance().name() + "</name><devices>" + disks + "</devices></domain>").running());
        PreChecks bChecks = new PreChecks(b.ctx, new CacheWarnings(b.ctx, () -> {
            throw new CephConfigException("no cache facts in a unit test");
        }));
        LibvirtLiveMigrateData dest = bChecks.checkDestination(SOURCE, DEST, null, null).toBuilder()
                .imageType("qcow2").build();
        return new PreChecks(a.ctx, new CacheWarnings(a.ctx, () -> {
            throw new CephConfigException("no cache facts in a unit test");
        })).checkSource(StepFixture.instance(), dest, ROOT_IS_A_VOLUME);
    }

    @Test
    void test_is_shared_block_storage_volume_backed() {
        LibvirtLiveMigrateData md = sourceCheck(ROOT_VOLUME);

        assertThat(md.isVolumeBacked()).isTrue();
        assertThat(md.isSharedBlockStorage()).isTrue();
        assertThat(md.blockMigration()).isFalse();
    }

    /** Not shared, so Nova would pick block migration; this driver refuses block migration (a deliberate difference). */
    @Test
    void test_is_shared_block_storage_volume_backed_with_disk() {
        assertThatThrownBy(() -> sourceCheck(ROOT_VOLUME + LOCAL_FILE)).isInstanceOf(MigrationPreCheckError.class)
                .hasMessageContaining("Block migration").hasMessageContaining("[vdb]");
    }
}
