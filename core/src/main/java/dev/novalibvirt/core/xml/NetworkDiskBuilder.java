package dev.novalibvirt.core.xml;

import dev.novalibvirt.core.ceph.DiskCacheMode;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskAuth;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.core.xml.domain.DiskSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fluent builder of a {@code type='network'} {@link Disk}, with the defaults of Nova's RBD image backend
 * ({@code nova.virt.libvirt.imagebackend.Rbd.libvirt_info} plus {@code Image.libvirt_info}):
 * device {@code disk}, {@code <driver type='raw'>} with no driver name, {@code <source protocol='rbd'
 * name='pool/image'>} with one {@code <host>} per monitor (IPv6 without brackets), and {@code <auth>} with a
 * {@code ceph} secret only when a cephx user or secret is configured. Cache mode, bus/dev, discard, serial, boot
 * order are optional. Each {@link #build()} returns a new Disk.
 *
 * <p>Unlike Nova, an auth with a user but no secret (or the reverse) is refused here: libvirt would refuse it at
 * define time with a less helpful message.
 */
public final class NetworkDiskBuilder {
    /** Nova's {@code VALID_DISK_CACHEMODES}; defined once, by {@link DiskCacheMode}. */
    public static final Set<String> CACHE_MODES = DiskCacheMode.NOVA_NAMES;
    private static final Set<String> DISCARD_MODES = Set.of("unmap", "ignore");
    private static final Set<String> DEVICES = Set.of("disk", "cdrom", "lun", "floppy");

    /** Where {@code <auth>} goes: disk level (what Nova writes) or inside {@code <source>}. */
    public enum AuthPlacement { DISK, SOURCE }

    private final String protocol;
    private final String name;
    private final List<DiskHost> hosts = new ArrayList<>();
    private String device = "disk";
    private String driverName;
    private String format = "raw";
    private String cache;
    private String io;
    private String discard;
    private String detectZeroes;
    private String targetDev;
    private String targetBus;
    private String username;
    private String secretUuid;
    private String secretUsage;
    private String secretType = "ceph";
    private AuthPlacement authPlacement = AuthPlacement.DISK;
    private String snapshot;
    private String configFile;
    private String serial;
    private Integer bootOrder;
    private boolean readOnly;
    private boolean shareable;

    private NetworkDiskBuilder(String protocol, String name) {
        this.protocol = protocol;
        this.name = name;
    }

    /** An RBD disk for image {@code image} in pool {@code pool} ({@code <source protocol='rbd' name='pool/image'>}). */
    public static NetworkDiskBuilder rbd(String pool, String image) {
        if (pool == null || pool.isBlank() || pool.contains("/")) {
            throw new DomainXmlException("RBD pool name must be non-empty and contain no '/': '" + pool + "'");
        }
        if (image == null || image.isBlank()) {
            throw new DomainXmlException("RBD image name must be non-empty (pool '" + pool + "')");
        }
        return new NetworkDiskBuilder("rbd", pool + "/" + image);
    }

    /** Any network protocol (nbd, iscsi, http, ...) with its source name. Auth secret type defaults to ceph. */
    public static NetworkDiskBuilder network(String protocol, String name) {
        if (protocol == null || protocol.isBlank()) {
            throw new DomainXmlException("network disk protocol must be given");
        }
        return new NetworkDiskBuilder(protocol, name);
    }

    /** Adds a host (a Ceph monitor for RBD); port may be null for the protocol's default. */
    public NetworkDiskBuilder host(String hostName, String port) {
        if (hostName == null || hostName.isBlank()) {
            throw new DomainXmlException("network disk host name must be non-empty");
        }
        hosts.add(new DiskHost(hostName.trim(), port));
        return this;
    }

    public NetworkDiskBuilder host(String hostName, int port) {
        return host(hostName, Integer.toString(port));
    }

    /** Adds hosts given as Nova does: parallel lists of names and ports (ports may be shorter or null). */
    public NetworkDiskBuilder hosts(List<String> names, List<String> ports) {
        for (int i = 0; i < names.size(); i++) {
            host(names.get(i), ports == null || i >= ports.size() ? null : ports.get(i));
        }
        return this;
    }

    public NetworkDiskBuilder hosts(List<DiskHost> list) {
        for (DiskHost h : list) {
            host(h.getName(), h.getPort());
        }
        return this;
    }

    /** disk (default), cdrom, lun, floppy. */
    public NetworkDiskBuilder device(String value) {
        if (!DEVICES.contains(value)) {
            throw new DomainXmlException("unknown disk device '" + value + "'; expected one of " + DEVICES);
        }
        this.device = value;
        return this;
    }

    /** {@code driver@name}; Nova leaves it unset for RBD, so does this builder unless asked. */
    public NetworkDiskBuilder driverName(String value) { this.driverName = value; return this; }

    /** {@code driver@type}, the image format; raw by default. */
    public NetworkDiskBuilder format(String value) { this.format = value; return this; }

    /** {@code driver@cache}: one of Nova's {@link #CACHE_MODES}; librbd's cache follows it. */
    public NetworkDiskBuilder cache(String mode) {
        if (mode != null && !CACHE_MODES.contains(mode)) {
            throw new DomainXmlException("invalid disk cache mode '" + mode + "'; valid: " + CACHE_MODES);
        }
        this.cache = mode;
        return this;
    }

    public NetworkDiskBuilder io(String value) { this.io = value; return this; }

    /** {@code driver@discard}: unmap or ignore. */
    public NetworkDiskBuilder discard(String mode) {
        if (mode != null && !DISCARD_MODES.contains(mode)) {
            throw new DomainXmlException("invalid discard mode '" + mode + "'; valid: " + DISCARD_MODES);
        }
        this.discard = mode;
        return this;
    }

    public NetworkDiskBuilder detectZeroes(String value) { this.detectZeroes = value; return this; }

    /** {@code <target dev bus/>}, e.g. vda + virtio. */
    public NetworkDiskBuilder target(String dev, String bus) {
        if (dev == null || dev.isBlank()) {
            throw new DomainXmlException("disk target dev must be non-empty");
        }
        this.targetDev = dev;
        this.targetBus = bus;
        return this;
    }

    /** The cephx user ({@code [libvirt]rbd_user}), without the {@code client.} prefix. */
    public NetworkDiskBuilder username(String value) { this.username = value; return this; }

    /** The libvirt secret holding the cephx key, by uuid ({@code [libvirt]rbd_secret_uuid}). */
    public NetworkDiskBuilder secretUuid(String value) { this.secretUuid = value; this.secretUsage = null; return this; }

    /** The libvirt secret by usage name instead of uuid. */
    public NetworkDiskBuilder secretUsage(String value) { this.secretUsage = value; this.secretUuid = null; return this; }

    /** Secret type: ceph (default) or iscsi. */
    public NetworkDiskBuilder secretType(String value) { this.secretType = value; return this; }

    public NetworkDiskBuilder authPlacement(AuthPlacement value) { this.authPlacement = value; return this; }

    /** {@code <snapshot name>}: read from this RBD snapshot. */
    public NetworkDiskBuilder snapshot(String value) { this.snapshot = value; return this; }

    /** {@code <config file>}: the ceph.conf QEMU should read. */
    public NetworkDiskBuilder configFile(String value) { this.configFile = value; return this; }

    public NetworkDiskBuilder serial(String value) { this.serial = value; return this; }

    public NetworkDiskBuilder bootOrder(Integer value) { this.bootOrder = value; return this; }

    public NetworkDiskBuilder readOnly(boolean value) { this.readOnly = value; return this; }

    public NetworkDiskBuilder shareable(boolean value) { this.shareable = value; return this; }

    /** A new Disk; the builder may be reused. */
    public Disk build() {
        if (targetDev == null) {
            throw new DomainXmlException("network disk '" + name + "' needs a target dev (e.g. vda)");
        }
        boolean hasSecret = secretUuid != null || secretUsage != null;
        if (username != null && !hasSecret) {
            throw new DomainXmlException("disk " + targetDev + ": user '" + username
                    + "' given without a secret uuid or usage; libvirt needs both for cephx auth");
        }
        if (hasSecret && username == null) {
            throw new DomainXmlException("disk " + targetDev + ": secret given without a user name");
        }
        Disk disk = new Disk("network", device);
        if (driverName != null || format != null || cache != null || discard != null || io != null
                || detectZeroes != null) {
            disk.setDriver(new Disk.Driver().setName(driverName).setType(format).setCache(cache).setIo(io)
                    .setDiscard(discard).setDetectZeroes(detectZeroes));
        }
        DiskSource source = DiskSource.network(protocol, name);
        for (DiskHost h : hosts) {
            source.addHost(new DiskHost(h.getName(), h.getPort()));
        }
        source.setSnapshot(snapshot);
        source.setConfigFile(configFile);
        disk.setSource(source);
        if (username != null) {
            DiskAuth auth = secretUuid != null ? DiskAuth.byUuid(username, secretType, secretUuid)
                    : DiskAuth.byUsage(username, secretType, secretUsage);
            if (authPlacement == AuthPlacement.SOURCE) {
                source.setAuth(auth);
            } else {
                disk.setAuth(auth);
            }
        }
        disk.setTarget(new Disk.Target(targetDev, targetBus));
        disk.setReadOnly(readOnly);
        disk.setShareable(shareable);
        if (serial != null && !"lun".equals(device)) {
            disk.setSerial(serial);
        }
        if (bootOrder != null) {
            disk.setBootOrder(bootOrder);
        }
        return disk;
    }
}
