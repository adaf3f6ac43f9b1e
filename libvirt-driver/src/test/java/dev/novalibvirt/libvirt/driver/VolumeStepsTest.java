package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateBDMInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.exception.StorageError;
import dev.novalibvirt.core.volume.HostConnector;
import dev.novalibvirt.core.volume.VolumeConfigOptions;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import dev.novalibvirt.core.volume.VolumeConnector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The volume parts of Nova's pre_live_migration, post_live_migration and rollback_live_migration_at_destination
 * (test_driver.py), named after Nova's tests where one exists: the destination connects each volume with its own
 * connection info and returns it in migrate data, the source disconnects after success, the destination
 * disconnects on rollback, and nothing ever deletes a volume.
 */
class VolumeStepsTest {
    private static final Instance INSTANCE = StepFixture.instance();
    private static final String VOL1 = "a1b2c3d4-0000-4000-8000-000000000001";
    private static final String VOL2 = "a1b2c3d4-0000-4000-8000-000000000002";
    private static final String DEST_SECRET = "0c6f0ab4-5c1e-4b1e-9d9e-7a3c2b1d0e9f";
    private static final LibvirtLiveMigrateData RBD_LOCAL_PATH = LibvirtLiveMigrateData.builder().imageType("rbd")
            .isSharedInstancePath(false).isSharedBlockStorage(true).isVolumeBacked(false).blockMigration(false)
            .instanceRelativePath(INSTANCE.uuid()).build();

    @TempDir
    Path instances;

    /** Records the calls; fails the connect of one volume when told to. */
    static final class RecordingConnector implements VolumeConnector {
        final List<String> calls = new ArrayList<>();
        String failConnectOf;
        String failDisconnectOf;

        @Override
        public HostConnector connector() {
            return HostConnector.linux("198.18.0.12", "host-b");
        }

        @Override
        public void connectVolume(VolumeConnectionInfo info, String instanceUuid) {
            if (info.volumeId().equals(failConnectOf)) {
                throw new StorageError("cannot reach " + info.volumeId());
            }
            calls.add("connect " + info.volumeId() + " " + info.data().secretUuid());
        }

        @Override
        public void disconnectVolume(VolumeConnectionInfo info, String instanceUuid) {
            calls.add("disconnect " + info.volumeId());
            if (info.volumeId().equals(failDisconnectOf)) {
                throw new StorageError("cannot disconnect " + info.volumeId());
            }
        }
    }

    private static VolumeConnectionInfo connection(String volumeId, String secret) {
        return VolumeConnectionInfo.fromJson("""
                {"driver_volume_type": "rbd", "serial": "%s",
                 "data": {"name": "volumes/volume-%s", "hosts": ["198.51.100.7"], "ports": ["3300"],
                          "auth_enabled": true, "auth_username": "cinder", "secret_type": "ceph",
                          "secret_uuid": "%s", "volume_id": "%s"}}""".formatted(volumeId, volumeId, secret, volumeId));
    }

    private static BlockDeviceInfo twoVolumes(String secret) {
        return new BlockDeviceInfo("/dev/vda", List.of(
                new BlockDeviceMapping("/dev/sda", VOL1, connection(VOL1, secret), null, false, "scsi", "disk", null),
                new BlockDeviceMapping("/dev/sdb", VOL2, connection(VOL2, secret), null, true, "scsi", "disk", null)));
    }

    private DestinationPreparer preparer(StepFixture f, VolumeConnector volumes) {
        return new DestinationPreparer(f.ctx, new Bridges(b -> true, f.ctx.hostName()),
                new DestinationSecret(f.host, f.ctx.hostName(), f.ctx.libvirt(), Optional::empty, false), volumes);
    }

    @Test
    void test_pre_live_migration_volume_backed() {
        StepFixture b = new StepFixture("host-b", instances, "");
        RecordingConnector volumes = new RecordingConnector();

        LibvirtLiveMigrateData md = preparer(b, volumes).prepare(INSTANCE, twoVolumes(DEST_SECRET), NetworkInfo.none(),
                RBD_LOCAL_PATH);

        assertThat(volumes.calls).containsExactly("connect " + VOL1 + " " + DEST_SECRET,
                "connect " + VOL2 + " " + DEST_SECRET);
        assertThat(md.bdms()).extracting(LibvirtLiveMigrateBDMInfo::serial).containsExactly(VOL1, VOL2);
        LibvirtLiveMigrateBDMInfo first = md.bdms().get(0);
        assertThat(first.bus()).isEqualTo("scsi");
        assertThat(first.dev()).isEqualTo("sda");
        assertThat(first.type()).isEqualTo("disk");
        assertThat(first.connectionInfo()).contains(connection(VOL1, DEST_SECRET));
        assertThat(LibvirtLiveMigrateData.fromJson(md.toJson()).bdms()).isEqualTo(md.bdms());
    }

    @Test
    void aVolumeWhoseSecretTheDestinationLacksIsRefusedWithNothingChanged() {
        StepFixture b = new StepFixture("host-b", instances, "");
        VolumeConnector volumes = new HostVolumeConnector(b.host, HostConnector.linux("198.18.0.12", "host-b"),
                VolumeConfigOptions.of(b.ctx.libvirt()));

        assertThatThrownBy(() -> preparer(b, volumes).prepare(INSTANCE, twoVolumes(DEST_SECRET), NetworkInfo.none(),
                RBD_LOCAL_PATH)).isInstanceOf(MigrationPreCheckError.class)
                .hasMessageContaining("volume " + VOL1).hasMessageContaining("secret " + DEST_SECRET)
                .hasMessageContaining("host-b");
        assertThat(b.ctx.dirs().exists(INSTANCE.uuid())).isFalse();
        assertThat(b.host.secretUuids()).isEmpty();
    }

    @Test
    void withTheSecretDefinedTheHostConnectorAcceptsTheVolume() {
        StepFixture b = new StepFixture("host-b", instances, "");
        b.host.defineCephSecret(DEST_SECRET, "client.cinder secret", new byte[] {1, 2, 3});
        VolumeConnector volumes = new HostVolumeConnector(b.host, HostConnector.linux("198.18.0.12", "host-b"),
                VolumeConfigOptions.of(b.ctx.libvirt()));

        LibvirtLiveMigrateData md = preparer(b, volumes).prepare(INSTANCE, twoVolumes(DEST_SECRET),
                NetworkInfo.none(), RBD_LOCAL_PATH);

        assertThat(md.bdms()).hasSize(2);
    }

    @Test
    void aFailedConnectDisconnectsTheVolumesAlreadyConnectedAndRemovesTheDir() {
        StepFixture b = new StepFixture("host-b", instances, "");
        RecordingConnector volumes = new RecordingConnector();
        volumes.failConnectOf = VOL2;

        assertThatThrownBy(() -> preparer(b, volumes).prepare(INSTANCE, twoVolumes(DEST_SECRET), NetworkInfo.none(),
                RBD_LOCAL_PATH)).isInstanceOf(StorageError.class);

        assertThat(volumes.calls).containsExactly("connect " + VOL1 + " " + DEST_SECRET, "disconnect " + VOL1);
        assertThat(b.ctx.dirs().exists(INSTANCE.uuid())).isFalse();
    }

    @Test
    void volumesGivenWithoutConnectionInfoAreNotConnectedAndTravelWithoutBdm() {
        StepFixture b = new StepFixture("host-b", instances, "");
        RecordingConnector volumes = new RecordingConnector();
        BlockDeviceInfo legacy = new BlockDeviceInfo("/dev/vda", List.of(new BlockDeviceMapping("/dev/vdb", VOL1)));

        LibvirtLiveMigrateData md = preparer(b, volumes).prepare(INSTANCE, legacy, NetworkInfo.none(), RBD_LOCAL_PATH);

        assertThat(volumes.calls).isEmpty();
        assertThat(md.bdms()).isEmpty();
    }

    @Test
    void test_post_live_migration() {
        StepFixture a = new StepFixture("host-a", instances, "");
        RecordingConnector volumes = new RecordingConnector();

        new PostAndRollback(a.ctx, volumes).postAtSourceVolumes(INSTANCE, twoVolumes(DEST_SECRET));

        assertThat(volumes.calls).containsExactly("disconnect " + VOL1, "disconnect " + VOL2);
        assertThat(a.backend.cleanedUp).isEmpty();
    }

    @Test
    void test_post_live_migration_exception_swallowed() {
        StepFixture a = new StepFixture("host-a", instances, "");
        RecordingConnector volumes = new RecordingConnector();
        volumes.failDisconnectOf = VOL1;

        new PostAndRollback(a.ctx, volumes).postAtSourceVolumes(INSTANCE, twoVolumes(DEST_SECRET));

        assertThat(volumes.calls).containsExactly("disconnect " + VOL1, "disconnect " + VOL2);
    }

    @Test
    void aRollbackAtTheDestinationDisconnectsItsVolumesAndDeletesNone() {
        StepFixture b = new StepFixture("host-b", instances, "");
        RecordingConnector volumes = new RecordingConnector();
        LibvirtLiveMigrateData md = preparer(b, volumes).prepare(INSTANCE, twoVolumes(DEST_SECRET),
                NetworkInfo.none(), RBD_LOCAL_PATH);
        volumes.calls.clear();

        new PostAndRollback(b.ctx, volumes).rollbackAtDestination(INSTANCE, false, md);

        assertThat(volumes.calls).containsExactly("disconnect " + VOL1, "disconnect " + VOL2);
        assertThat(b.backend.cleanedUp).isEmpty();
        assertThat(b.ctx.dirs().exists(INSTANCE.uuid())).isFalse();
    }
}
