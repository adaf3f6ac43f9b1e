package dev.novalibvirt.conformance.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.conformance.volume.LabVolumes.Volume;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.DeviceDetachFailed;
import dev.novalibvirt.core.exception.DevicePathInUse;
import dev.novalibvirt.core.exception.VolumeAttachFailed;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attaching a Cinder RBD volume to a running guest and detaching it with the library (issue 14; Nova's
 * {@code attach_volume} / {@code detach_volume}). The attach puts the volume's disk into the running domain and
 * its definition, with client.cinder's own secret and the alias {@code ua-<volume id>}; data is written into it
 * through the guest's QEMU ({@code qemu-io}, Force Unit Access). Refusals (the device in use, the volume attached
 * already) change neither. The detach removes the disk from the definition at once; from the running domain it
 * completes when the guest lets go of the device, and otherwise ends in {@code DeviceDetachFailed} within
 * {@code device_detach_attempts} x {@code device_detach_timeout}: the boot-sector guest has no OS to answer the ACPI
 * unplug request, so that bounded failure is what it shows (a guest OS would complete it). Either way the volume
 * stays in the pool with its data, read back from the pool itself after the guest is gone.
 */
@ExtendWith(LabExtension.class)
class VolumeAttachDetachIT {
    private static final int ATTEMPTS = 2;
    private static final int TIMEOUT_S = 3;

    private ContractLab lab;
    private LibvirtDriver a;
    private Instance instance;
    private LabVolumes volumes;
    private AutoCloseable exclusive;

    @BeforeEach
    void host(LabEnv env) {
        exclusive = LabVolumes.exclusive("volumes");
        lab = ContractLab.of(env);
        volumes = new LabVolumes(lab);
        a = volumes.driverWithDetach("a", ATTEMPTS, TIMEOUT_S);
        instance = lab.newInstance("hotplug");
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (a != null) {
                GuestProbe.purge(instance, a);
            }
            if (volumes != null) {
                volumes.close();
            }
        } finally {
            if (a != null) {
                a.close();
            }
            exclusive.close();
        }
    }

    @Test
    void aVolumeAttachedToARunningGuestIsDetachedWithinTheBoundAndKeepsItsData() {
        a.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("alive on host-a").isTrue();
        Volume v = volumes.create("vdb");
        Volume other = volumes.create("vdc");

        a.attachVolume(volumes.connectionInfo(v), instance, "/dev/vdb", "virtio", "disk");

        assertVolumeDisk(v, false, true);
        assertVolumeDisk(v, true, true);
        volumes.writeDurably(uri(), instance.name(), v, 0x3c);

        assertThatThrownBy(() -> a.attachVolume(volumes.connectionInfo(other), instance, "/dev/vdb", null, null))
                .as("vdb is taken").isInstanceOf(DevicePathInUse.class);
        assertThatThrownBy(() -> a.attachVolume(volumes.connectionInfo(v), instance, "/dev/vdc", null, null))
                .as("attached already").isInstanceOf(VolumeAttachFailed.class);
        assertThat(LabVolumes.diskOf(LabVolumes.dumpXml(uri(), instance.name(), false), other))
                .as("the refusals attached nothing").isEmpty();

        long start = System.nanoTime();
        boolean completed;
        try {
            a.detachVolume(volumes.connectionInfo(v), instance, "/dev/vdb");
            completed = true;
        } catch (DeviceDetachFailed e) {
            completed = false;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("live detach %s after %d ms%n", completed ? "completed" : "failed (guest kept the device)",
                took.toMillis());

        // each attempt: libvirt's own wait for QEMU's DEVICE_DELETED (5 s), then ours
        assertThat(took).as("bounded by attempts x (libvirt's 5 s + device_detach_timeout)")
                .isLessThan(Duration.ofSeconds(ATTEMPTS * (5L + TIMEOUT_S) + 10));
        assertVolumeDisk(v, true, false);
        assertVolumeDisk(v, false, !completed);
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("still alive").isTrue();

        a.destroy(instance, NetworkInfo.none(), BlockDeviceInfo.none(), true, true);

        assertThat(a.instanceExists(instance)).isFalse();
        assertThat(volumes.exists(v)).as("still in the pool").isTrue();
        assertThat(volumes.poolMismatch(v, 0x3c)).as("its data, read from the pool").isEmpty();
    }

    /** Whether the volume's disk is in the running domain (or the definition), with client.cinder's secret. */
    private void assertVolumeDisk(Volume v, boolean inactive, boolean present) {
        Domain xml = LabVolumes.dumpXml(uri(), instance.name(), inactive);
        String what = (inactive ? "definition" : "running domain") + ": disk of " + v.id();
        if (!present) {
            assertThat(LabVolumes.diskOf(xml, v)).as(what + " gone").isEmpty();
            return;
        }
        Disk disk = LabVolumes.diskOf(xml, v).orElseThrow(() -> new AssertionError(what + " missing"));
        assertThat(disk.getTargetDev()).as(what).isEqualTo(v.dev());
        assertThat(disk.getSource().getName()).as(what).isEqualTo(v.pool() + "/" + v.name());
        assertThat(disk.getAuth().getUsername()).as(what).isEqualTo(volumes.user());
        assertThat(disk.getAuth().getSecret().getUuid()).as(what).isEqualTo(volumes.secretUuid());
        if (!inactive) {
            assertThat(disk.getAlias()).as(what + ": the alias qemu-io addresses").isEqualTo(v.qdevId());
        }
    }

    private String uri() {
        return a.libvirtHost().uri();
    }
}
