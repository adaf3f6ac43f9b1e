package dev.novalibvirt.conformance.volume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.conformance.volume.LabVolumes.Volume;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A boot-from-volume guest (issue 14): the lab's boot-sector image made into a Cinder volume in {@code volumes} (a
 * clone of the image's snapshot, as Cinder's RBD driver makes a volume from a Glance image), spawned by the library
 * with that volume as its root disk ({@code boot_index} 0): no disk in {@code vms}, the instance dir as for an
 * image-backed guest. It live migrates a->b->a with the instance dir following the image-backed rules (created on
 * the destination, removed from the source), the root disk rewritten for the destination from its connection info
 * with client.cinder's secret, and destroying it with {@code destroy_disks} leaves the volume in the pool.
 *
 * <p>Holds the machine-wide lock {@code volumes}: {@code VolumeMigrationIT} removes client.cinder's secret from
 * host-b for one of its cases.
 */
@ExtendWith(LabExtension.class)
class BootFromVolumeIT {
    private ContractLab lab;
    private LibvirtDriver a;
    private LibvirtDriver b;
    private Instance instance;
    private LabVolumes volumes;
    private AutoCloseable exclusive;

    @BeforeEach
    void hosts(LabEnv env) {
        exclusive = LabVolumes.exclusive("volumes");
        lab = ContractLab.of(env);
        volumes = new LabVolumes(lab);
        a = lab.driver("a");
        b = lab.driver("b");
        Instance imageBacked = lab.newInstance("bfv");
        // no image_ref, no root_gb: Nova's volume-backed instance
        instance = new Instance(imageBacked.uuid(), imageBacked.name(), imageBacked.memoryMib(), imageBacked.vcpus(),
                0, null);
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (a != null && b != null) {
                GuestProbe.purge(instance, a, b);
            }
            if (volumes != null) {
                volumes.close(); // after the guest: a volume QEMU still watches cannot be removed
            }
        } finally {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
            exclusive.close();
        }
    }

    @Test
    void aBootFromVolumeGuestMigratesBackAndForthAndItsVolumeSurvivesDestroy() {
        Volume root = volumes.fromImage(lab.baseImage(), "vda");
        BlockDeviceInfo bdi = volumes.bootFromVolume(root, List.of());

        a.spawn(instance, lab.baseImage(), NetworkInfo.none(), bdi, true);

        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("boots from the volume").isTrue();
        assertRootIsTheVolume(a, root, "after spawn");
        assertThat(GuestProbe.hasInstanceDir(a, instance)).as("instance dir on host-a, as for any guest").isTrue();
        assertNoImageBackendDisk("after spawn");

        LibvirtDriver[][] hops = {{a, b}, {b, a}};
        for (int hop = 0; hop < hops.length; hop++) {
            LibvirtDriver from = hops[hop][0];
            LibvirtDriver to = hops[hop][1];
            String where = "hop " + (hop + 1) + " " + from.host() + " -> " + to.host();

            LiveMigrationResult r = LiveMigrationTask.builder(from, to).build().run(instance, NetworkInfo.none(), bdi);

            assertThat(r.completed()).as(where + ": " + r.outcome()).isTrue();
            assertThat(GuestProbe.runsOn(to, instance)).as(where + ": runs on the destination").isTrue();
            assertThat(GuestProbe.serialGrows(to, instance, Duration.ofSeconds(10))).as(where + ": alive").isTrue();
            assertRootIsTheVolume(to, root, where);
            assertThat(GuestProbe.hasInstanceDir(to, instance)).as(where + ": instance dir on the destination")
                    .isTrue();
            assertThat(from.instanceExists(instance)).as(where + ": no domain on the source").isFalse();
            assertThat(GuestProbe.hasInstanceDir(from, instance)).as(where + ": no instance dir on the source")
                    .isFalse();
            assertThat(volumes.exists(root)).as(where + ": the volume is still in the pool").isTrue();
            assertNoImageBackendDisk(where);
        }

        a.destroy(instance, NetworkInfo.none(), bdi, true, true);

        assertThat(a.instanceExists(instance)).as("destroyed").isFalse();
        assertThat(GuestProbe.hasInstanceDir(a, instance)).as("destroy_disks removed the instance dir").isFalse();
        assertThat(volumes.exists(root)).as("destroy never deletes a volume").isTrue();
    }

    /** Live and persistent, the first disk is the volume, reached as client.cinder with its own secret. */
    private void assertRootIsTheVolume(LibvirtDriver host, Volume root, String where) {
        for (boolean inactive : new boolean[] {false, true}) {
            Domain xml = LabVolumes.dumpXml(host.libvirtHost().uri(), instance.name(), inactive);
            String what = where + " on " + host.host() + (inactive ? " (persistent)" : " (live)");
            Disk first = xml.getDisks().get(0);
            assertThat(first.getTargetDev()).as(what + ": root target").isEqualTo("vda");
            assertThat(first.getSerial()).as(what + ": root serial").isEqualTo(root.id());
            assertThat(first.getSource().getName()).as(what + ": root source").isEqualTo(root.pool() + "/"
                    + root.name());
            assertThat(first.getAuth().getUsername()).as(what + ": root auth user").isEqualTo(volumes.user());
            assertThat(first.getAuth().getSecret().getUuid()).as(what + ": root secret")
                    .isEqualTo(volumes.secretUuid());
        }
    }

    /** Nothing of this instance in {@code vms}: the image backend made no disk. */
    private void assertNoImageBackendDisk(String where) {
        assertThat(lab.rbdImageId(instance.uuid() + "_disk")).as(where + ": no " + instance.uuid() + "_disk in vms")
                .isNull();
    }
}
