package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.DevicePathInUse;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.VolumeAttachFailed;
import dev.novalibvirt.core.volume.HostConnector;
import dev.novalibvirt.core.volume.VolumeConfigOptions;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.Disk;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nova's {@code attach_volume} and {@code detach_volume} for an RBD volume (test_driver.py
 * {@code test_attach_volume*}, {@code test_detach_volume*}): the disk {@code _get_volume_config} builds, attached to
 * the definition and the running domain; detached from both by its alias, else its target dev; the volume
 * connected before and disconnected after, never deleted; and every refusal leaves guest and host as they were.
 */
class VolumeHotplugTest {
    private static final Instance INSTANCE = StepFixture.instance();
    private static final String VOL = "a1b2c3d4-0000-4000-8000-000000000001";
    private static final String SECRET = "0c6f0ab4-5c1e-4b1e-9d9e-7a3c2b1d0e9f";

    @TempDir
    Path instances;

    private static VolumeConnectionInfo connection(String serial) {
        return VolumeConnectionInfo.fromJson("""
                {"driver_volume_type": "rbd", %s
                 "data": {"name": "volumes/volume-%s", "hosts": ["198.51.100.7"], "ports": ["3300"],
                          "auth_enabled": true, "auth_username": "cinder", "secret_type": "ceph",
                          "secret_uuid": "%s", "volume_id": "%s"}}""".formatted(
                serial == null ? "" : "\"serial\": \"" + serial + "\",", VOL, SECRET, VOL));
    }

    private final VolumeStepsTest.RecordingConnector volumes = new VolumeStepsTest.RecordingConnector();

    private VolumeHotplug hotplug(StepFixture f) {
        return new VolumeHotplug(f.ctx, volumes, new DeviceDetacher(
                new DetachSettings(2, Duration.ofMillis(20), Duration.ofMillis(5)), System::nanoTime, d -> { }));
    }

    private static Disk disk(FakeGuest g, boolean persistent) {
        return VolumeHotplug.guestDisk(g, "vdb", VOL, persistent).orElse(null);
    }

    @Test
    void test_attach_volume_with_vir_domain_affect_live_flag() {
        for (PowerState state : new PowerState[] {PowerState.RUNNING, PowerState.PAUSED}) {
            StepFixture f = new StepFixture("host-a", instances, "[libvirt]\ndisk_cachemodes = network=writeback\n");
            FakeGuest g = f.withRunningGuest();
            g.state = state;
            volumes.calls.clear();

            hotplug(f).attach(connection(VOL), INSTANCE, "/dev/vdb", "virtio", "disk");

            assertThat(g.calls()).as(state.name()).containsExactly("attachDevice persistent=true live=true");
            assertThat(volumes.calls).containsExactly("connect " + VOL + " " + SECRET);
            Disk expected = dev.novalibvirt.core.volume.VolumeDiskConfig.build(connection(VOL),
                    new dev.novalibvirt.core.volume.VolumeDiskInfo("vdb", "virtio", "disk"),
                    VolumeConfigOptions.of(f.ctx.libvirt()));
            assertThat(g.attached).containsExactly(DomainXml.writeDisk(expected));
            for (boolean persistent : new boolean[] {true, false}) {
                Disk d = disk(g, persistent);
                assertThat(d).as("in the definition=" + persistent).isNotNull();
                assertThat(d.getSerial()).isEqualTo(VOL);
                assertThat(d.getAlias()).isEqualTo("ua-" + VOL);
                assertThat(d.getSource().getName()).isEqualTo("volumes/volume-" + VOL);
                assertThat(d.getAuth().getSecret().getUuid()).isEqualTo(SECRET);
                assertThat(d.getDriver().getCache()).as("disk_cachemodes' network entry").isEqualTo("writeback");
            }
        }
    }

    @Test
    void attachingToAStoppedGuestChangesOnlyItsDefinition() {
        StepFixture f = new StepFixture("host-a", instances, "");
        FakeGuest g = f.withRunningGuest();
        g.state = PowerState.SHUTDOWN;

        hotplug(f).attach(connection(VOL), INSTANCE, "vdb", null, null);

        assertThat(g.calls()).containsExactly("attachDevice persistent=true live=false");
        assertThat(disk(g, true)).isNotNull();
        assertThat(disk(g, false)).isNull();
    }

    @Test
    void aConnectionWithoutNovasSerialGetsTheVolumeIdAsItsSerial() {
        StepFixture f = new StepFixture("host-a", instances, "");
        FakeGuest g = f.withRunningGuest();

        hotplug(f).attach(connection(null), INSTANCE, "/dev/vdb", null, null);

        assertThat(disk(g, false).getSerial()).as("DriverVolumeBlockDevice.attach sets it").isEqualTo(VOL);
    }

    @Test
    void test_attach_volume_with_exception() {
        StepFixture f = new StepFixture("host-a", instances, "");
        FakeGuest g = f.withRunningGuest();
        g.attachFailure = new InternalError("libvirt error on domain instance-00000001: Target vdb already exists");

        assertThatThrownBy(() -> hotplug(f).attach(connection(VOL), INSTANCE, "/dev/vdb", "virtio", "disk"))
                .isInstanceOf(VolumeAttachFailed.class).hasMessageContaining("Volume " + VOL)
                .hasMessageContaining("Target vdb already exists").hasCauseInstanceOf(InternalError.class);
        assertThat(volumes.calls).as("connected, then disconnected once").containsExactly(
                "connect " + VOL + " " + SECRET, "disconnect " + VOL);
        assertThat(disk(g, true)).isNull();
    }

    @Test
    void aTargetDevTheGuestUsesIsRefusedBeforeTheVolumeIsConnected() {
        StepFixture f = new StepFixture("host-a", instances, "");
        FakeGuest g = f.withRunningGuest();

        assertThatThrownBy(() -> hotplug(f).attach(connection(VOL), INSTANCE, "/dev/vda", null, null))
                .isInstanceOf(DevicePathInUse.class).hasMessageContaining("/dev/vda");
        assertThat(volumes.calls).isEmpty();
        assertThat(g.calls()).isEmpty();
    }

    @Test
    void aVolumeTheGuestHasAlreadyIsRefusedWithNothingChanged() {
        StepFixture f = new StepFixture("host-a", instances, "");
        FakeGuest g = f.withRunningGuest();
        hotplug(f).attach(connection(VOL), INSTANCE, "/dev/vdb", null, null);
        volumes.calls.clear();
        g.calls.clear();

        assertThatThrownBy(() -> hotplug(f).attach(connection(VOL), INSTANCE, "/dev/vdc", null, null))
                .isInstanceOf(VolumeAttachFailed.class).hasMessageContaining("already, as vdb");
        assertThat(volumes.calls).isEmpty();
        assertThat(g.calls()).isEmpty();
    }

    @Test
    void aVolumeWhoseSecretThisHostLacksIsRefusedBeforeTheGuestIsTouched() {
        StepFixture f = new StepFixture("host-a", instances, "");
        FakeGuest g = f.withRunningGuest();
        VolumeHotplug real = new VolumeHotplug(f.ctx, new HostVolumeConnector(f.host,
                HostConnector.linux("198.18.0.11", "host-a"), VolumeConfigOptions.of(f.ctx.libvirt())),
                DeviceDetacher.system(DetachSettings.NOVA_DEFAULTS));

        assertThatThrownBy(() -> real.attach(connection(VOL), INSTANCE, "/dev/vdb", null, null))
                .isInstanceOf(VolumeAttachFailed.class).hasMessageContaining(SECRET);
        assertThat(g.calls()).isEmpty();
        assertThat(f.host.secretUuids()).as("no secret defined on the way").isEmpty();
    }

    @Test
    void attachToAnInstanceWithoutADomainIsInstanceNotFoundWithNothingConnected() {
        StepFixture f = new StepFixture("host-a", instances, "");

        assertThatThrownBy(() -> hotplug(f).attach(connection(VOL), INSTANCE, "/dev/vdb", null, null))
                .isInstanceOf(InstanceNotFound.class);
        assertThat(volumes.calls).isEmpty();
    }

    @Test
    void aMalformedMountpointOrBusIsInvalidInputNamingTheField() {
        StepFixture f = new StepFixture("host-a", instances, "");
        FakeGuest g = f.withRunningGuest();

        assertThatThrownBy(() -> hotplug(f).attach(connection(VOL), INSTANCE, "/dev/../vdb", null, null))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("mount_device");
        assertThatThrownBy(() -> hotplug(f).attach(connection(VOL), INSTANCE, "/dev/vdb", "Vir tio", null))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("disk_bus");
        assertThatThrownBy(() -> hotplug(f).detach(connection(VOL), INSTANCE, "vdb; rm"))
                .isInstanceOf(InvalidInput.class);
        assertThat(volumes.calls).isEmpty();
        assertThat(g.calls()).isEmpty();
    }

    @Test
    void test_detach_volume_with_vir_domain_affect_live_flag() {
        for (PowerState state : new PowerState[] {PowerState.RUNNING, PowerState.PAUSED}) {
            StepFixture f = new StepFixture("host-a", instances, "");
            FakeGuest g = f.withRunningGuest();
            hotplug(f).attach(connection(VOL), INSTANCE, "/dev/vdb", null, null);
            g.state = state;
            g.calls.clear();
            volumes.calls.clear();

            hotplug(f).detach(connection(VOL), INSTANCE, "/dev/vdb");

            assertThat(g.calls()).as(state.name()).containsExactly("detachDevice persistent=true live=false",
                    "detachDevice persistent=false live=true");
            assertThat(DomainXml.parseDisk(g.detached.get(0)).getAlias()).isEqualTo("ua-" + VOL);
            assertThat(disk(g, true)).isNull();
            assertThat(disk(g, false)).isNull();
            assertThat(volumes.calls).as("disconnected after the detach, never deleted")
                    .containsExactly("disconnect " + VOL);
        }
    }

    @Test
    void test_detach_volume_with_vir_domain_affect_live_flag_legacy() {
        StepFixture f = new StepFixture("host-a", instances, "");
        // a disk attached before Nova's ua- aliases: libvirt's own alias, found by its target dev
        String legacy = StepFixture.RBD_DOMAIN.replace("</devices>", "<disk type='network' device='disk'>"
                + "<source protocol='rbd' name='volumes/volume-" + VOL + "'/><target dev='vdb' bus='virtio'/>"
                + "<alias name='virtio-disk1'/></disk></devices>");
        FakeGuest g = f.host.add(new FakeGuest(INSTANCE.name(), legacy).running());

        hotplug(f).detach(connection(VOL), INSTANCE, "/dev/vdb");

        assertThat(g.calls()).containsExactly("detachDevice persistent=true live=false",
                "detachDevice persistent=false live=true");
        assertThat(DomainXml.parse(g.xml(0)).getDisks()).extracting(Disk::getTargetDev).containsExactly("vda");
        assertThat(volumes.calls).containsExactly("disconnect " + VOL);
    }

    @Test
    void test_detach_volume_disk_not_found() {
        StepFixture f = new StepFixture("host-a", instances, "");
        FakeGuest g = f.withRunningGuest();

        hotplug(f).detach(connection(VOL), INSTANCE, "/dev/vdc");

        assertThat(g.calls()).isEmpty();
        assertThat(volumes.calls).as("still disconnected: a previous detach may have got that far")
                .containsExactly("disconnect " + VOL);
    }

    @Test
    void test_detach_volume_with_instance_not_found() {
        StepFixture f = new StepFixture("host-a", instances, "");

        hotplug(f).detach(connection(VOL), INSTANCE, "/dev/sda");

        assertThat(volumes.calls).containsExactly("disconnect " + VOL);
    }

    @Test
    void aGuestThatNeverLetsGoIsDeviceDetachFailedAndTheVolumeStaysConnected() {
        StepFixture f = new StepFixture("host-a", instances, "");
        FakeGuest g = f.withRunningGuest();
        hotplug(f).attach(connection(VOL), INSTANCE, "/dev/vdb", null, null);
        g.liveDetachesIgnored = Integer.MAX_VALUE;
        volumes.calls.clear();

        assertThatThrownBy(() -> hotplug(f).detach(connection(VOL), INSTANCE, "/dev/vdb"))
                .isInstanceOf(dev.novalibvirt.core.exception.DeviceDetachFailed.class);
        assertThat(disk(g, false)).as("the guest still uses it").isNotNull();
        assertThat(volumes.calls).as("not disconnected under a running guest").isEmpty();
    }
}
