package dev.novalibvirt.conformance.rbd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.core.image.DiskConfigRequest;
import dev.novalibvirt.core.image.ImageSource;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.core.image.ParentInfo;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.rbd.LockOwner;
import dev.novalibvirt.rbd.RbdDisk;
import dev.novalibvirt.rbd.RbdDiskSource;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.RbdImageBackend;
import dev.novalibvirt.rbd.RbdLocation;
import dev.novalibvirt.rbd.Watcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * The life of an instance disk on the real lab: clone the base image snapshot into vms as
 * {@code <uuid>_disk}, grow it, boot it on host-a through libvirt (the guest's serial output grows), see
 * QEMU as watcher and lock owner, snapshot it, take Nova's direct snapshot into the images pool, flatten
 * it, and remove everything.
 */
@ExtendWith(LabExtension.class)
@Timeout(300)
class RbdGuestLifecycleIT {

    final RbdLab lab;

    RbdGuestLifecycleIT(LabEnv env) {
        this.lab = RbdLab.of(env);
    }

    static final long MIB = 1024 * 1024;

    @Test
    void cloneResizeBootSnapshotFlattenRemove() throws Exception {
        String uuid = RbdLab.freshUuid();
        String glanceCopyId = RbdLab.freshUuid();
        Path serial = Path.of(lab.get("HOST_A_INSTANCES_PATH"), "rbd-" + uuid + ".serial.log");
        try (RbdImageBackend backend = new RbdImageBackend(lab.driver(), Optional.empty())) {
            RbdDriver driver = backend.driver();
            RbdDisk disk = backend.image(InstanceDisk.root(uuid));
            try {
                // clone from the base image snapshot, grown to 256 MiB
                assertThat(disk.exists()).isFalse();
                disk.create(new ImageSource.Location(lab.baseLocation(), "raw"), 128 * MIB);
                assertThat(disk.exists()).isTrue();
                assertThat(disk.size()).isEqualTo(128 * MIB);
                assertThat(disk.parent()).contains(new ParentInfo("images", lab.get("BASE_IMAGE_ID"), "snap"));
                disk.resize(256 * MIB);
                assertThat(disk.size()).isEqualTo(256 * MIB);
                assertThat(disk.isSharedBlockStorage()).isTrue();
                assertThat(disk.isFileInInstancePath()).isFalse();

                // boot it on host-a
                RbdDiskSource src = disk.diskSource(DiskConfigRequest.virtio("vda", "writeback"));
                assertThat(src.hosts()).isNotEmpty();
                assertThat(src.authUser()).contains("nova");
                Connect conn = new Connect(lab.get("HOST_A_URI"));
                Domain dom = null;
                try {
                    String diskXml = DomainXml.writeDisk(disk.libvirtInfo(DiskConfigRequest.virtio("vda", "none")));
                    assertThat(diskXml).as("disk_cachemodes network=writeback wins").contains("cache=\"writeback\"");
                    dom = conn.domainCreateXML(domainXml(lab, "rbd-" + uuid.substring(0, 8), uuid, diskXml, serial), 0);
                    long first = waitForSerial(serial, 0);
                    long later = waitForSerial(serial, first);
                    assertThat(later).as("the guest runs: serial output grows").isGreaterThan(first);

                    // QEMU's librbd on host-a watches the image; the boot-sector guest never writes, so it
                    // need not hold the exclusive lock (at most QEMU does)
                    List<Watcher> watchers = driver.watchers("vms", disk.rbdName());
                    assertThat(watchers).extracting(Watcher::address).anyMatch(a -> a.startsWith("198.18.0.11:"));
                    List<LockOwner> owners = driver.lockOwners("vms", disk.rbdName());
                    assertThat(owners).hasSizeLessThanOrEqualTo(1);
                } finally {
                    if (dom != null) {
                        dom.destroy();
                    }
                    conn.close();
                }

                // snapshot, direct snapshot into the images pool, flatten
                disk.createSnapshot("rbd-it", false);
                assertThat(disk.snapshots()).extracting(s -> s.name()).contains("rbd-it");
                String location = disk.directSnapshot("rbd-direct", glanceCopyId);
                RbdLocation loc = RbdLocation.parse(location);
                assertThat(loc).isEqualTo(new RbdLocation(lab.get("CEPH_FSID"), "images", glanceCopyId, "snap"));
                assertThat(driver.exists("images", glanceCopyId, "snap")).isTrue();
                assertThat(driver.parent("images", glanceCopyId)).as("flattened copy").isEmpty();
                assertThat(driver.isCloneable(location, "raw")).isTrue();
                assertThat(disk.snapshots()).extracting(s -> s.name()).doesNotContain("rbd-direct");
                disk.cleanupDirectSnapshot(location);
                assertThat(driver.exists("images", glanceCopyId)).isFalse();

                disk.flatten();
                assertThat(disk.parent()).isEmpty();
                disk.removeSnapshot("rbd-it", false, false);
                disk.remove();
                assertThat(disk.exists()).isFalse();
            } finally {
                driver.purgeVolume("images", glanceCopyId);
                driver.purgeVolume("vms", disk.rbdName());
                Files.deleteIfExists(serial);
            }
        }
    }

    @Test
    void importFromTheLocalRawFileIsSparseAndReadsBackTheSameBytes() throws Exception {
        String uuid = RbdLab.freshUuid();
        Path raw = Path.of(lab.get("BASE_IMAGE_RAW"));
        try (RbdImageBackend backend = new RbdImageBackend(lab.driver(), Optional.empty())) {
            RbdDisk disk = backend.image(InstanceDisk.root(uuid));
            try {
                disk.create(new ImageSource.LocalFile(raw), 128 * MIB);
                assertThat(disk.size()).isEqualTo(128 * MIB);
                assertThat(disk.parent()).isEmpty();
                Path back = Files.createTempDirectory("rbd-export").resolve("back.raw");
                try {
                    lab.cli("rbd", "export", "--no-progress", "vms/" + disk.rbdName(), back.toString());
                    byte[] want = Files.readAllBytes(raw);
                    byte[] got = Files.readAllBytes(back);
                    assertThat(got.length).isEqualTo(128 * MIB);
                    assertThat(java.util.Arrays.mismatch(want, java.util.Arrays.copyOf(got, want.length))).isEqualTo(-1);
                } finally {
                    Files.deleteIfExists(back);
                    Files.deleteIfExists(back.getParent());
                }
            } finally {
                backend.driver().purgeVolume("vms", disk.rbdName());
            }
        }
    }

    static long waitForSerial(Path serial, long moreThan) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                long size = Files.exists(serial) ? Files.size(serial) : 0;
                if (size > moreThan) {
                    return size;
                }
            } catch (java.io.IOException e) {
                // not yet there
            }
            Thread.sleep(200);
        }
        return moreThan;
    }

    /** A minimal guest around the backend's disk element. */
    static String domainXml(RbdLab lab, String name, String uuid, String diskXml, Path serial) {
        return "<domain type='" + lab.get("VIRT_TYPE") + "'><name>" + name + "</name><uuid>" + uuid + "</uuid>"
                + "<memory unit='MiB'>64</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>"
                + "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator>" + diskXml
                + "<serial type='file'><source path='" + serial + "' append='on'/><target port='0'/></serial>"
                + "<memballoon model='none'/></devices></domain>";
    }
}
