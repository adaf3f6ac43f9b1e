package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.InvalidBDM;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.core.volume.HostConnector;
import dev.novalibvirt.core.volume.VolumeConfigOptions;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.lock.StartGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A volume-backed (boot-from-volume) guest's life on one host, as Nova's {@code spawn}, {@code destroy} and
 * {@code cleanup} treat it (test_driver.py {@code test_spawn_from_volume_*}, {@code test_destroy_removes_disk*},
 * {@code test_cleanup_disconnect_volume}): the root disk is the volume with {@code boot_index} 0 and no
 * image-backend disk is made (the fixture's backend refuses to hand out an image at all), the instance dir is
 * made as for any guest, and destroying the guest disconnects its volumes and never deletes one.
 */
class BootFromVolumeTest {
    private static final String UUID = "0b6e2ab7-5ac8-4b5c-8d36-3a6a3bb2a0f1";
    private static final Instance NO_IMAGE = new Instance(UUID, "instance-00000001", 512, 1, 0, null);
    private static final Instance WITH_IMAGE = new Instance(UUID, "instance-00000001", 512, 1, 1, "cirros");
    private static final String ROOT = "a1b2c3d4-0000-4000-8000-00000000000a";
    private static final String DATA = "a1b2c3d4-0000-4000-8000-00000000000b";
    private static final String SECRET = "0c6f0ab4-5c1e-4b1e-9d9e-7a3c2b1d0e9f";
    private static final ImageMeta NO_IMAGE_META = new ImageMeta("unused", "raw", null);

    @TempDir
    Path instances;

    private final VolumeStepsTest.RecordingConnector volumes = new VolumeStepsTest.RecordingConnector();
    private final List<List<String>> guarded = new ArrayList<>();

    private static VolumeConnectionInfo connection(String volumeId) {
        return VolumeConnectionInfo.fromJson("""
                {"driver_volume_type": "rbd", "serial": "%s",
                 "data": {"name": "volumes/volume-%s", "hosts": ["198.51.100.7"], "ports": ["3300"],
                          "auth_enabled": true, "auth_username": "cinder", "secret_type": "ceph",
                          "secret_uuid": "%s", "volume_id": "%s"}}""".formatted(volumeId, volumeId, SECRET,
                volumeId));
    }

    /** Nova's block_device_info of a boot-from-volume guest: root volume at vda (boot_index 0), a data volume. */
    private static BlockDeviceInfo bootVolumeAndData() {
        return new BlockDeviceInfo("/dev/vda", List.of(
                new BlockDeviceMapping("vda", ROOT, connection(ROOT), 0, false, "virtio", "disk", null),
                new BlockDeviceMapping("vdb", DATA, connection(DATA), null, true, "virtio", "disk", null)));
    }

    private GuestLifecycle lifecycle(StepFixture f, StartGuard guard) {
        return new GuestLifecycle(f.ctx, new Bridges(b -> true, "host-a"), guard, volumes);
    }

    private GuestLifecycle lifecycle(StepFixture f) {
        return lifecycle(f, (name, paths) -> guarded.add(paths));
    }

    private static Domain defined(StepFixture f) {
        return DomainXml.parse(f.host.guests.get("instance-00000001").xml(Guest.XML_INACTIVE));
    }

    @Test
    void test_spawn_from_volume_no_image_ref() {
        StepFixture f = new StepFixture("host-a", instances, "");

        lifecycle(f).spawn(NO_IMAGE, NO_IMAGE_META, NetworkInfo.none(), bootVolumeAndData(), true);

        List<Disk> disks = defined(f).getDisks();
        assertThat(disks).extracting(Disk::getTargetDev).containsExactly("vda", "vdb");
        Disk root = disks.get(0);
        assertThat(root.getSource().getName()).as("the root is the volume").isEqualTo("volumes/volume-" + ROOT);
        assertThat(root.getSerial()).isEqualTo(ROOT);
        assertThat(root.getAlias()).isEqualTo("ua-" + ROOT);
        assertThat(root.getAuth().getSecret().getUuid()).as("the volume's own secret").isEqualTo(SECRET);
        assertThat(f.host.guests.get("instance-00000001").state).isEqualTo(PowerState.RUNNING);
        assertThat(volumes.calls).containsExactly("connect " + ROOT + " " + SECRET, "connect " + DATA + " " + SECRET);
        assertThat(f.ctx.dirs().exists(UUID)).as("the instance dir, as for an image-backed guest").isTrue();
        assertThat(Files.exists(f.ctx.dirs().consoleLog(UUID))).isTrue();
        assertThat(guarded).as("no image-backend disk for the start guard").containsExactly(List.of());
    }

    @Test
    void test_spawn_from_volume_with_image_ref() {
        StepFixture f = new StepFixture("host-a", instances, "");

        // the root bdm decides, not image_ref: the backend (which refuses every image) is never asked
        lifecycle(f).spawn(WITH_IMAGE, new ImageMeta("cirros", "raw", null), NetworkInfo.none(),
                bootVolumeAndData(), true);

        assertThat(defined(f).getDisks().get(0).getSerial()).isEqualTo(ROOT);
        assertThat(f.backend.cleanedUp).isEmpty();
    }

    @Test
    void anInstanceWithoutImageRefAndWithoutABootVolumeIsRefusedWithNothingCreated() {
        StepFixture f = new StepFixture("host-a", instances, "");
        BlockDeviceInfo dataOnly = new BlockDeviceInfo("/dev/vda", List.of(
                new BlockDeviceMapping("vdb", DATA, connection(DATA), null, false, null, null, null)));

        assertThatThrownBy(() -> lifecycle(f).spawn(NO_IMAGE, NO_IMAGE_META, NetworkInfo.none(), dataOnly, true))
                .isInstanceOf(InvalidBDM.class).hasMessageContaining("boot_index 0");
        assertNothingCreated(f);
    }

    @Test
    void aBootVolumeWithoutConnectionInfoIsRefusedWithNothingCreated() {
        StepFixture f = new StepFixture("host-a", instances, "");
        BlockDeviceInfo unconnected = new BlockDeviceInfo("/dev/vda", List.of(
                new BlockDeviceMapping("vda", ROOT, null, 0, false, null, null, null)));

        assertThatThrownBy(() -> lifecycle(f).spawn(NO_IMAGE, NO_IMAGE_META, NetworkInfo.none(), unconnected,
                true)).isInstanceOf(InvalidBDM.class).hasMessageContaining("connection_info");
        assertNothingCreated(f);
    }

    @Test
    void aBootVolumeThisHostCannotReachIsRefusedWithNothingCreated() {
        StepFixture f = new StepFixture("host-a", instances, "");
        GuestLifecycle real = new GuestLifecycle(f.ctx, new Bridges(b -> true, "host-a"), StartGuard.NONE,
                new HostVolumeConnector(f.host, HostConnector.linux("198.18.0.11", "host-a"),
                        VolumeConfigOptions.of(f.ctx.libvirt())));

        assertThatThrownBy(() -> real.spawn(NO_IMAGE, NO_IMAGE_META, NetworkInfo.none(), bootVolumeAndData(), true))
                .isInstanceOf(MigrationPreCheckError.class).hasMessageContaining(SECRET);
        assertNothingCreated(f);
    }

    @Test
    void aSpawnThatFailsLateDisconnectsTheVolumesAndRemovesWhatItCreated() {
        StepFixture f = new StepFixture("host-a", instances, "");
        StartGuard refusing = (name, paths) -> {
            throw new NovaException("disk in use elsewhere");
        };

        assertThatThrownBy(() -> lifecycle(f, refusing).spawn(NO_IMAGE, NO_IMAGE_META, NetworkInfo.none(),
                bootVolumeAndData(), true)).hasMessageContaining("disk in use elsewhere");
        assertThat(volumes.calls).containsExactly("connect " + ROOT + " " + SECRET, "connect " + DATA + " " + SECRET,
                "disconnect " + ROOT, "disconnect " + DATA);
        assertThat(f.ctx.dirs().exists(UUID)).isFalse();
        assertThat(f.host.findGuest("instance-00000001")).isEmpty();
        assertThat(f.backend.cleanedUp).as("no disk of the image backend to remove, no volume deleted").isEmpty();
    }

    @Test
    void test_destroy_removes_disk() {
        StepFixture f = new StepFixture("host-a", instances, "");
        lifecycle(f).spawn(NO_IMAGE, NO_IMAGE_META, NetworkInfo.none(), bootVolumeAndData(), true);
        volumes.calls.clear();

        lifecycle(f).destroy(NO_IMAGE, bootVolumeAndData(), true);

        assertThat(f.host.findGuest("instance-00000001")).isEmpty();
        assertThat(f.ctx.dirs().exists(UUID)).isFalse();
        assertThat(f.backend.cleanedUp).as("only the image backend's <uuid>_* disks (there are none)")
                .containsExactly(UUID);
        assertThat(volumes.calls).as("disconnected, never deleted").containsExactly("disconnect " + ROOT,
                "disconnect " + DATA);
    }

    @Test
    void test_destroy_removes_disk_volume_fails() {
        StepFixture f = new StepFixture("host-a", instances, "");
        lifecycle(f).spawn(NO_IMAGE, NO_IMAGE_META, NetworkInfo.none(), bootVolumeAndData(), true);
        volumes.failDisconnectOf = ROOT;

        lifecycle(f).destroy(NO_IMAGE, bootVolumeAndData(), true);

        assertThat(f.host.findGuest("instance-00000001")).isEmpty();
        assertThat(f.ctx.dirs().exists(UUID)).isFalse();
        assertThat(volumes.calls).contains("disconnect " + DATA);
    }

    @Test
    void test_cleanup_disconnect_volume() {
        StepFixture f = new StepFixture("host-a", instances, "");
        lifecycle(f).spawn(NO_IMAGE, NO_IMAGE_META, NetworkInfo.none(), bootVolumeAndData(), true);
        volumes.calls.clear();

        lifecycle(f).cleanup(NO_IMAGE, bootVolumeAndData(), false, null);

        assertThat(volumes.calls).containsExactly("disconnect " + ROOT, "disconnect " + DATA);
        assertThat(f.ctx.dirs().exists(UUID)).as("destroy_disks=False without migrate data keeps the dir").isTrue();
        assertThat(f.backend.cleanedUp).isEmpty();
    }

    @Test
    void afterAMigrationTheSourceDirOfABootFromVolumeGuestGoesAsAnImageBackedGuestsDoes() {
        StepFixture f = new StepFixture("host-a", instances, "");
        lifecycle(f).spawn(NO_IMAGE, NO_IMAGE_META, NetworkInfo.none(), bootVolumeAndData(), true);
        LibvirtLiveMigrateData md = LibvirtLiveMigrateData.builder().imageType("rbd").isSharedInstancePath(false)
                .isSharedBlockStorage(true).isVolumeBacked(true).build();

        // the manager's post-migration cleanup: destroy_disks=False, no volumes (post_live_migration had them)
        lifecycle(f).cleanup(NO_IMAGE, bootVolumeAndData().withoutVolumes(), false, md);

        assertThat(f.ctx.dirs().exists(UUID)).as("cleanup_instance_dir: shared block, unshared path").isFalse();
        assertThat(f.backend.cleanedUp).as("no disk removed").isEmpty();
        assertThat(volumes.calls).as("nothing disconnected twice").containsExactly(
                "connect " + ROOT + " " + SECRET, "connect " + DATA + " " + SECRET);
    }

    private void assertNothingCreated(StepFixture f) {
        assertThat(f.ctx.dirs().exists(UUID)).as("no instance dir").isFalse();
        assertThat(f.host.guests).as("no domain").isEmpty();
        assertThat(volumes.calls.stream().filter(c -> c.startsWith("connect"))).as("nothing stays connected")
                .hasSameSizeAs(volumes.calls.stream().filter(c -> c.startsWith("disconnect")).toList());
    }
}
