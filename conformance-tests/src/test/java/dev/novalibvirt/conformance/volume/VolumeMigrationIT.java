package dev.novalibvirt.conformance.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.lab.LabFaults;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.conformance.volume.LabVolumes.Volume;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.volume.VolumeConfigOptions;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Live migration of a guest with Cinder RBD volumes (issue 14): the boot-sector guest's root disk is an RBD image in
 * {@code vms} (client.nova), and two volumes in {@code volumes} reach it as client.cinder with their own libvirt
 * secret, their {@code connection_info} built as Cinder returns it. The destination's {@code pre_live_migration}
 * connects each volume (the host connector checks the volume's secret is there) and hands the volumes back in the
 * migrate data; the source rewrites each volume disk of the destination XML from them (Nova's
 * {@code _update_volume_xml}). Checked with virsh, qemu-io inside the guest's QEMU and the pool, not with the
 * library's word.
 *
 * <p>Attaching the volumes to the running guest is this test's job ({@code virsh attach-device --live --config} of
 * the disk the library's {@code VolumeDiskConfig} builds) until the library has {@code attach_volume}. Data is
 * written with QEMU's own {@code qemu-io} on the disk's device ({@code ua-<volume id>}, the alias the library sets),
 * so no guest OS is needed; nothing is flushed by the test, so each hop also proves the migration flushed the
 * volumes' writeback cache before the destination took over.
 *
 * <p>Holds the machine-wide lock {@code volumes} for each test: the refusal case removes client.cinder's secret from
 * host-b, which another session's run of this class would trip over.
 */
@ExtendWith(LabExtension.class)
class VolumeMigrationIT {
    private ContractLab lab;
    private LibvirtDriver a;
    private LibvirtDriver b;
    private Instance instance;
    private LabVolumes volumes;
    private AutoCloseable exclusive;
    private boolean cinderSecretRemovedFromB;

    @BeforeEach
    void hosts(LabEnv env) {
        exclusive = exclusive("volumes");
        lab = ContractLab.of(env);
        volumes = new LabVolumes(lab);
        a = lab.driver("a");
        b = lab.driver("b");
        instance = lab.newInstance("vol");
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (cinderSecretRemovedFromB) {
                // the lab's own definition of it, from its key file
                LabFaults.command("host-secrets.sh", "b");
            }
        } finally {
            try {
                if (a != null && b != null) {
                    GuestProbe.purge(instance, a, b);
                }
                // after the guest: a volume QEMU still watches cannot be removed
                if (volumes != null) {
                    volumes.close();
                }
            } finally {
                closeQuietly(a);
                closeQuietly(b);
                exclusive.close();
            }
        }
    }

    @Test
    void aGuestWithTwoRbdVolumesMigratesBackAndForthAndEachVolumeKeepsItsData() {
        List<Volume> vols = spawnWithTwoVolumes();
        BlockDeviceInfo bdi = volumes.blockDeviceInfo(vols);
        int[] patterns = {0x11, 0x12};
        for (int i = 0; i < vols.size(); i++) {
            volumes.write(uri(a), instance.name(), vols.get(i), patterns[i]);
        }

        LibvirtDriver[][] hops = {{a, b}, {b, a}, {a, b}, {b, a}};
        for (int hop = 0; hop < hops.length; hop++) {
            LibvirtDriver from = hops[hop][0];
            LibvirtDriver to = hops[hop][1];
            String where = "hop " + (hop + 1) + " " + from.host() + " -> " + to.host();

            LiveMigrationResult r = LiveMigrationTask.builder(from, to).build()
                    .run(instance, NetworkInfo.none(), bdi);

            assertThat(r.completed()).as(where + ": " + r.outcome()).isTrue();
            assertThat(GuestProbe.runsOn(to, instance)).as(where + ": runs on the destination").isTrue();
            assertThat(GuestProbe.serialGrows(to, instance, Duration.ofSeconds(10))).as(where + ": alive").isTrue();
            for (int i = 0; i < vols.size(); i++) {
                assertThat(volumes.mismatch(uri(to), instance.name(), vols.get(i), patterns[i]))
                        .as(where + ": " + vols.get(i).name() + " reads back pattern 0x%02x", patterns[i]).isEmpty();
            }
            assertVolumeDisks(to, vols, where);
            assertThat(from.instanceExists(instance)).as(where + ": no domain on the source").isFalse();
            assertThat(GuestProbe.hasInstanceDir(from, instance)).as(where + ": no instance dir on the source")
                    .isFalse();
            for (Volume v : vols) {
                assertThat(volumes.exists(v)).as(where + ": " + v.name() + " still in the pool").isTrue();
            }
            // new data for the next hop, unflushed, different per volume and per hop
            for (int i = 0; i < vols.size(); i++) {
                patterns[i] = 0x10 * (hop + 2) + i + 1;
                volumes.write(uri(to), instance.name(), vols.get(i), patterns[i]);
            }
        }
    }

    @Test
    void aVolumeTheDestinationCannotReachIsRefusedBeforeAnythingChanges() {
        List<Volume> vols = spawnWithTwoVolumes();
        BlockDeviceInfo bdi = volumes.blockDeviceInfo(vols);
        volumes.write(uri(a), instance.name(), vols.get(0), 0x5a);
        LabVolumes.undefineSecret(uri(b), volumes.secretUuid());
        cinderSecretRemovedFromB = true;

        assertThatThrownBy(() -> LiveMigrationTask.builder(a, b).build().run(instance, NetworkInfo.none(), bdi))
                .as("host-b lacks client.cinder's secret").isInstanceOf(MigrationPreCheckError.class)
                .hasMessageContaining(volumes.secretUuid());

        assertThat(GuestProbe.runsOn(a, instance)).as("still runs on host-a").isTrue();
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("alive").isTrue();
        assertVolumeDisks(a, vols, "after the refusal");
        assertThat(volumes.mismatch(uri(a), instance.name(), vols.get(0), 0x5a)).as("its data").isEmpty();
        assertThat(b.instanceExists(instance)).as("no domain on host-b").isFalse();
        assertThat(GuestProbe.hasInstanceDir(b, instance)).as("no instance dir on host-b").isFalse();
        assertThat(LabVolumes.hasSecret(uri(b), volumes.secretUuid()))
                .as("the library defined no cinder secret on host-b").isFalse();
        for (Volume v : vols) {
            assertThat(volumes.exists(v)).as(v.name() + " still in the pool").isTrue();
        }
    }

    /** The boot-sector guest on host-a with two new volumes, vdb and vdc, attached live. */
    private List<Volume> spawnWithTwoVolumes() {
        a.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("alive on host-a").isTrue();
        List<Volume> vols = List.of(volumes.create("vdb"), volumes.create("vdc"));
        VolumeConfigOptions options = VolumeConfigOptions.of(a.config().libvirt());
        for (Volume v : vols) {
            volumes.attach(uri(a), instance.name(), v, options);
        }
        assertVolumeDisks(a, vols, "attached");
        return vols;
    }

    /**
     * On {@code host}, live and persistent, each volume disk is the volume with client.cinder's own secret (never
     * the image backend's client.nova secret), under the alias qemu-io addresses it by.
     */
    private void assertVolumeDisks(LibvirtDriver host, List<Volume> vols, String where) {
        for (boolean inactive : new boolean[] {false, true}) {
            Domain xml = LabVolumes.dumpXml(uri(host), instance.name(), inactive);
            String what = where + " on " + host.host() + (inactive ? " (persistent)" : " (live)");
            for (Volume v : vols) {
                Disk disk = LabVolumes.diskOf(xml, v).orElseThrow(
                        () -> new AssertionError(what + ": no disk with serial " + v.id()));
                assertThat(disk.getSource().getName()).as(what + ": source of " + v.id())
                        .isEqualTo(v.pool() + "/" + v.name());
                assertThat(disk.getTargetDev()).as(what + ": target of " + v.id()).isEqualTo(v.dev());
                assertThat(disk.getAuth()).as(what + ": <auth> of " + v.id()).isNotNull();
                assertThat(disk.getAuth().getUsername()).as(what + ": auth user of " + v.id())
                        .isEqualTo(volumes.user());
                assertThat(disk.getAuth().getSecret().getUuid()).as(what + ": secret of " + v.id())
                        .isEqualTo(volumes.secretUuid());
                if (!inactive) {
                    assertThat(disk.getAlias()).as(what + ": alias of " + v.id()).isEqualTo(v.qdevId());
                }
            }
        }
    }

    private static void closeQuietly(LibvirtDriver d) {
        if (d != null) {
            d.close();
        }
    }

    private static String uri(LibvirtDriver host) {
        return host.libvirtHost().uri();
    }

    /** The field ITs' machine-wide lock pattern: one holder of {@code what} across all test JVMs on this machine. */
    private static AutoCloseable exclusive(String what) {
        try {
            FileChannel ch = FileChannel.open(Path.of("/run/lock/nova-libvirt-lab-field-" + what + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.lock();
            return () -> {
                lock.release();
                ch.close();
            };
        } catch (IOException e) {
            throw new IllegalStateException("cannot take the field lock " + what, e);
        }
    }
}
