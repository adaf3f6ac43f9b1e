package dev.novalibvirt.conformance.volume;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.core.volume.VolumeConfigOptions;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import dev.novalibvirt.core.volume.VolumeDiskConfig;
import dev.novalibvirt.core.volume.VolumeDiskInfo;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.RbdImageBackend;
import dev.novalibvirt.rbd.RbdLocation;
import dev.novalibvirt.rbd.rados.MonAddress;
import dev.novalibvirt.rbd.rados.MonProtocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The lab's Cinder side as the volume ITs use it: RBD volumes in {@code volumes} created and removed as
 * {@code client.cinder} (the library's {@link RbdDriver}), their {@code connection_info} built the way Cinder's RBD
 * driver returns it from {@code initialize_connection} (plus the {@code serial} Nova adds at attach), Nova's
 * {@code block_device_info} for them, and what a test observes through virsh: the attach of the library's disk XML,
 * {@code qemu-io} inside the running QEMU, the domain's XML. Volumes are named {@code volume-<id>} as Cinder names
 * them; the lab's leftover clean-up removes {@code volume-*} images that a killed run left.
 */
final class LabVolumes implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long SIZE = 32L << 20;

    private final ContractLab lab;
    private final RbdDriver rbd;
    private final List<Volume> created = new ArrayList<>();
    private final List<RbdImageBackend> backends = new ArrayList<>();

    /** A volume of this test: its Cinder id, pool/name, and where the guest sees it. */
    record Volume(String id, String pool, String name, String dev) {
        /** The qdev id QEMU knows the disk by: its user alias, {@code ua-<volume id>} (VolumeDiskConfig). */
        String qdevId() {
            return "ua-" + id;
        }
    }

    LabVolumes(ContractLab lab) {
        this.lab = lab;
        this.rbd = new RbdDriver(RbdConfig.builder(lab.cephConf(), lab.get("CINDER_USER"))
                .keyring(Path.of(lab.get("CINDER_KEYRING"))).pool(pool()).imagesPool(lab.get("POOL_IMAGES"))
                .secretUuid(secretUuid()).connectTimeout(Duration.ofSeconds(10)).opTimeout(Duration.ofSeconds(30))
                .build());
    }

    String pool() {
        return lab.get("POOL_VOLUMES");
    }

    String user() {
        return lab.get("CINDER_USER");
    }

    String secretUuid() {
        return lab.get("CINDER_SECRET_UUID");
    }

    /** A new empty volume in {@code volumes}, seen by the guest as {@code dev}; removed at {@link #close}. */
    Volume create(String dev) {
        String id = UUID.randomUUID().toString();
        Volume v = new Volume(id, pool(), "volume-" + id, dev);
        rbd.create(v.pool(), v.name(), SIZE);
        created.add(v);
        return v;
    }

    /**
     * A new volume made from the image as Cinder's RBD driver makes a volume from a Glance image in the same cluster
     * ({@code clone_image}: a copy-on-write clone of the image's snapshot), seen by the guest as {@code dev};
     * removed at {@link #close}.
     */
    Volume fromImage(ImageMeta image, String dev) {
        String id = UUID.randomUUID().toString();
        Volume v = new Volume(id, pool(), "volume-" + id, dev);
        rbd.clone(RbdLocation.parse(image.location()), v.pool(), v.name());
        created.add(v);
        return v;
    }

    boolean exists(Volume v) {
        return rbd.exists(v.pool(), v.name());
    }

    /**
     * The volume's {@code connection_info} as Cinder's RBD driver returns it (hosts and ports from the monmap as
     * strings, auth as client.cinder with its libvirt secret, no keyring) with Nova's {@code serial}, read by the
     * library's parser.
     */
    VolumeConnectionInfo connectionInfo(Volume v) {
        return VolumeConnectionInfo.fromTree(connectionInfoTree(v));
    }

    private ObjectNode connectionInfoTree(Volume v) {
        ObjectNode data = JSON.createObjectNode();
        data.put("name", v.pool() + "/" + v.name());
        ArrayNode hosts = data.putArray("hosts");
        ArrayNode ports = data.putArray("ports");
        for (MonAddress m : rbd.monitorAddresses(MonProtocol.V1)) {
            hosts.add(m.host());
            ports.add(Integer.toString(m.port()));
        }
        data.put("cluster_name", "ceph");
        data.put("auth_enabled", true);
        data.put("auth_username", user());
        data.put("secret_type", "ceph");
        data.put("secret_uuid", secretUuid());
        data.put("volume_id", v.id());
        data.put("discard", true);
        data.putNull("keyring");
        data.putNull("qos_specs");
        data.put("access_mode", "rw");
        data.put("encrypted", false);
        ObjectNode info = JSON.createObjectNode();
        info.put("driver_volume_type", "rbd");
        info.set("data", data);
        info.put("serial", v.id());
        return info;
    }

    /** Nova's {@code block_device_info} dict for {@code volumes} (root on the image, vda), through the library. */
    BlockDeviceInfo blockDeviceInfo(List<Volume> volumes) {
        ObjectNode root = JSON.createObjectNode();
        root.put("root_device_name", "/dev/vda");
        ArrayNode bdms = root.putArray("block_device_mapping");
        for (Volume v : volumes) {
            ObjectNode bdm = bdms.addObject();
            bdm.set("connection_info", connectionInfoTree(v));
            bdm.put("mount_device", "/dev/" + v.dev());
            bdm.putNull("boot_index");
            bdm.put("delete_on_termination", false);
            bdm.put("disk_bus", "virtio");
            bdm.put("device_type", "disk");
            bdm.putNull("attachment_id");
        }
        root.putArray("ephemerals");
        root.putNull("swap");
        return BlockDeviceInfo.fromNovaJson(root.toString());
    }

    /**
     * Nova's {@code block_device_info} of a boot-from-volume instance: {@code root} at {@code /dev/vda} with
     * {@code boot_index} 0, then {@code others}, through the library.
     */
    BlockDeviceInfo bootFromVolume(Volume root, List<Volume> others) {
        ObjectNode tree = JSON.createObjectNode();
        tree.put("root_device_name", "/dev/vda");
        ArrayNode bdms = tree.putArray("block_device_mapping");
        List<Volume> all = new ArrayList<>(List.of(root));
        all.addAll(others);
        for (Volume v : all) {
            ObjectNode bdm = bdms.addObject();
            bdm.set("connection_info", connectionInfoTree(v));
            bdm.put("mount_device", "/dev/" + v.dev());
            if (v == root) {
                bdm.put("boot_index", 0);
            } else {
                bdm.putNull("boot_index");
            }
            bdm.put("delete_on_termination", false);
            bdm.put("disk_bus", "virtio");
            bdm.put("device_type", "disk");
            bdm.putNull("attachment_id");
        }
        tree.putArray("ephemerals");
        tree.putNull("swap");
        return BlockDeviceInfo.fromNovaJson(tree.toString());
    }

    /**
     * A driver for lab host {@code letter} like {@link ContractLab#driver(String)}, with Nova's
     * {@code device_detach_attempts} and {@code device_detach_timeout} set (its own image backend, closed at
     * {@link #close}).
     */
    LibvirtDriver driverWithDetach(String letter, int attempts, int timeoutSeconds) {
        RbdImageBackend backend = lab.imageBackend(DiskCacheModes.parse("network=writeback"));
        backends.add(backend);
        return LibvirtDriver.builder()
                .config(NovaConfig.parse(lab.novaConf(letter, lab.instancesPath(letter), null)))
                .host(Host.open(lab.hostValue(letter, "URI")))
                .imageBackend(backend)
                .cephxKeys(lab.cephxKeys(), false)
                .bridges(ContractLab.netnsBridges(lab.hostValue(letter, "NETNS")))
                .deviceDetach(attempts, timeoutSeconds)
                .build();
    }

    /**
     * Hot-plugs the volume into the running guest with the disk the library builds ({@code VolumeDiskConfig}), live
     * and into the persistent definition, as Nova's {@code attach_volume} would; the library has no attach yet.
     */
    void attach(String hostUri, String domain, Volume v, VolumeConfigOptions options) {
        Disk disk = VolumeDiskConfig.build(connectionInfo(v), new VolumeDiskInfo(v.dev(), "virtio", "disk"), options);
        Path xml = null;
        try {
            xml = Files.createTempFile("volume-attach", ".xml");
            Files.writeString(xml, DomainXml.writeDisk(disk));
            ContractLab.Run r = virsh(hostUri, "attach-device", domain, xml.toString(), "--live", "--config");
            if (r.exitCode() != 0) {
                throw new AssertionError("virsh attach-device of " + v.name() + " failed: " + r.output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(xml);
        }
    }

    /** Writes {@code pattern} into the first MiB of the volume through the guest's own QEMU block device. */
    void write(String hostUri, String domain, Volume v, int pattern) {
        write(hostUri, domain, v, pattern, "");
    }

    /**
     * The same, with Force Unit Access ({@code write -f}): done only when the data is in the pool, past librbd's
     * writeback cache, so the pool can be read while the guest still runs or after it was killed.
     */
    void writeDurably(String hostUri, String domain, Volume v, int pattern) {
        write(hostUri, domain, v, pattern, "-f ");
    }

    private void write(String hostUri, String domain, Volume v, int pattern, String flags) {
        String out = qemuIo(hostUri, domain, v, "write %s-P 0x%02x 0 1M".formatted(flags, pattern));
        if (!out.contains("wrote 1048576/1048576 bytes at offset 0")) {
            throw new AssertionError("qemu-io write to " + v.qdevId() + " on " + hostUri + " failed: " + out);
        }
    }

    /**
     * Reads the first MiB of the volume through the guest's QEMU, checking every byte is {@code pattern}; empty when
     * they all are, else what qemu-io said ("Pattern verification failed ..." or an error).
     */
    Optional<String> mismatch(String hostUri, String domain, Volume v, int pattern) {
        String out = qemuIo(hostUri, domain, v, "read -P 0x%02x 0 1M".formatted(pattern));
        boolean ok = out.contains("read 1048576/1048576 bytes at offset 0")
                && !out.contains("Pattern verification failed");
        return ok ? Optional.empty() : Optional.of(out.strip());
    }

    /**
     * Runs a qemu-io command in the guest's own QEMU. QEMU 7.2's HMP {@code qemu-io} prints its result to QEMU's
     * stdout, which libvirt sends to the domain's log, not to the monitor: the result is what the log gained.
     */
    private String qemuIo(String hostUri, String domain, Volume v, String command) {
        Path log = qemuLog(hostUri, domain);
        long before = size(log);
        // -d takes a device path below /machine/peripheral. The alias names the virtio-blk-pci proxy, which has
        // no block backend of its own; its child virtio-backend holds it.
        ContractLab.Run r = virsh(hostUri, "qemu-monitor-command", domain, "--hmp",
                "qemu-io -d " + v.qdevId() + "/virtio-backend \"" + command + "\"");
        if (r.exitCode() != 0 || !r.output().isBlank()) {
            throw new AssertionError("qemu-monitor-command on " + hostUri + " failed: " + r.output());
        }
        // qemu-io prints its summary line last ("1 MiB, 1 ops; ..."); the log is written as it runs
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String out = "";
        while (System.nanoTime() < deadline) {
            out = tail(log, before);
            if (out.contains(" ops; ")) {
                break;
            }
            sleep(50);
        }
        return out.replace("\r", "");
    }

    /** The domain's QEMU log on that host, seen from outside its mount namespace. */
    private Path qemuLog(String hostUri, String domain) {
        for (String letter : lab.hostLetters()) {
            if (lab.hostValue(letter, "URI").equals(hostUri)) {
                return Path.of(lab.hostValue(letter, "STATE"), "log", "qemu", domain + ".log");
            }
        }
        throw new IllegalArgumentException("no lab host has the URI " + hostUri);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file, long from) {
        try {
            byte[] all = Files.readAllBytes(file);
            return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for qemu-io", e);
        }
    }

    /**
     * Reads the first MiB of the volume from the pool itself ({@code rbd export} as client.cinder), with no guest;
     * empty when every byte is {@code pattern}, else where the first other byte is.
     */
    Optional<String> poolMismatch(Volume v, int pattern) {
        Path out = null;
        try {
            out = Files.createTempFile("volume-export", ".raw");
            Files.delete(out); // rbd export refuses to overwrite
            ContractLab.Run r = ContractLab.run("rbd", "-c", lab.cephConf().toString(), "--id", user(), "--keyring",
                    lab.get("CINDER_KEYRING"), "export", v.pool() + "/" + v.name(), out.toString());
            if (r.exitCode() != 0) {
                throw new AssertionError("rbd export of " + v.name() + " failed: " + r.output());
            }
            byte[] head;
            try (var in = Files.newInputStream(out)) {
                head = in.readNBytes(1 << 20);
            }
            for (int i = 0; i < (1 << 20); i++) {
                if (i >= head.length || (head[i] & 0xff) != pattern) {
                    return Optional.of("byte " + i + " of " + v.name() + " is not 0x%02x".formatted(pattern));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(out);
        }
    }

    /** The domain's XML as libvirt holds it there ({@code virsh dumpxml}, live or {@code --inactive}). */
    static Domain dumpXml(String hostUri, String domain, boolean inactive) {
        ContractLab.Run r = inactive ? virsh(hostUri, "dumpxml", domain, "--inactive")
                : virsh(hostUri, "dumpxml", domain);
        if (r.exitCode() != 0) {
            throw new AssertionError("virsh dumpxml " + domain + " on " + hostUri + " failed: " + r.output());
        }
        return DomainXml.parse(r.output());
    }

    /** The disk whose {@code <serial>} is the volume's id, if the domain has it. */
    static Optional<Disk> diskOf(Domain domain, Volume v) {
        return domain.getDisks().stream().filter(d -> v.id().equals(d.getSerial())).findFirst();
    }

    /** Whether libvirt on that host has the secret (its value is never read). */
    static boolean hasSecret(String hostUri, String uuid) {
        ContractLab.Run r = virsh(hostUri, "secret-list");
        if (r.exitCode() != 0) {
            throw new AssertionError("virsh secret-list on " + hostUri + " failed: " + r.output());
        }
        return r.output().lines().map(String::strip).anyMatch(l -> l.startsWith(uuid + " ") || l.equals(uuid));
    }

    /** Removes the secret from libvirt on that host (a host whose operator never defined it). */
    static void undefineSecret(String hostUri, String uuid) {
        ContractLab.Run r = virsh(hostUri, "secret-undefine", uuid);
        if (r.exitCode() != 0) {
            throw new AssertionError("virsh secret-undefine " + uuid + " on " + hostUri + " failed: " + r.output());
        }
    }

    static ContractLab.Run virsh(String hostUri, String... args) {
        List<String> argv = new ArrayList<>(List.of("virsh", "-q", "-c", hostUri));
        argv.addAll(List.of(args));
        return ContractLab.run(argv.toArray(String[]::new));
    }

    /** The field ITs' machine-wide lock pattern: one holder of {@code what} across all test JVMs on this machine. */
    static AutoCloseable exclusive(String what) {
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

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a temp file left behind
            }
        }
    }

    /** Removes the volumes this test created (after the guest is gone: a watched image cannot be removed). */
    @Override
    public void close() {
        for (Volume v : created) {
            try {
                rbd.destroyVolume(v.pool(), v.name());
            } catch (RuntimeException e) {
                System.err.println("volume cleanup of " + v.name() + ": " + e.getMessage());
            }
        }
        created.clear();
        rbd.close();
        backends.forEach(RbdImageBackend::close);
        backends.clear();
    }
}
