package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * libvirt's {@code <disk>} device (formatdomain "Hard drives, floppy disks, CDROMs"), the counterpart of Nova's
 * {@code LibvirtConfigGuestDisk}.
 *
 * <p>{@code type} (file, block, dir, network, volume, ...) decides which {@link DiskSource} attributes mean
 * something: {@code file}, {@code dev}, {@code dir}, {@code protocol}+{@code name}+hosts, or {@code pool}+
 * {@code volume}. {@code <auth>} may sit at disk level (the legacy placement Nova writes) or inside
 * {@code <source>}; libvirt keeps whichever it is given, so both slots exist: {@link #getAuth()} and
 * {@link DiskSource#getAuth()}.
 */
@XmlRootElement(name = "disk")
public class Disk extends XmlNode {

    /** Disk types libvirt's schema knows ({@code disk@type}). */
    public static final List<String> TYPES =
            List.of("file", "block", "dir", "network", "volume", "nvme", "vhostuser", "vhostvdpa");

    private static final List<String> ORDER = List.of("driver", "auth", "source", "backingStore", "backenddomain",
            "geometry", "blockio", "mirror", "target", "iotune", "readonly", "shareable", "transient", "serial",
            "wwn", "vendor", "product", "encryption", "boot", "acpi", "alias", "address");

    @XmlAttribute private String type;
    @XmlAttribute private String device;
    @XmlAttribute private String model;
    @XmlAttribute private String rawio;
    @XmlAttribute private String sgio;
    @XmlAttribute private String snapshot;

    @XmlElementRefs({
        @XmlElementRef(type = Driver.class),
        @XmlElementRef(type = DiskAuth.class),
        @XmlElementRef(type = DiskSource.class),
        @XmlElementRef(type = BlockIo.class),
        @XmlElementRef(type = Target.class),
        @XmlElementRef(type = IoTune.class),
        @XmlElementRef(type = ReadOnly.class),
        @XmlElementRef(type = Shareable.class),
        @XmlElementRef(type = SerialNumber.class),
        @XmlElementRef(type = Boot.class),
        @XmlElementRef(type = Alias.class),
        @XmlElementRef(type = Address.class)
    })
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    public Disk() {
    }

    public Disk(String type, String device) {
        this.type = type;
        this.device = device;
    }

    @Override
    protected List<Object> children() {
        return content;
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    /** {@code disk@type}: file, block, dir, network, volume, ... (absent means file to libvirt). */
    public String getType() { return type; }
    public Disk setType(String type) { this.type = type; return this; }
    /** {@code disk@device}: disk, cdrom, floppy, lun (absent means disk). */
    public String getDevice() { return device; }
    public Disk setDevice(String device) { this.device = device; return this; }
    public String getModel() { return model; }
    public Disk setModel(String model) { this.model = model; return this; }
    public String getSnapshot() { return snapshot; }
    public Disk setSnapshot(String snapshot) { this.snapshot = snapshot; return this; }
    public String getRawio() { return rawio; }
    public Disk setRawio(String rawio) { this.rawio = rawio; return this; }
    public String getSgio() { return sgio; }
    public Disk setSgio(String sgio) { this.sgio = sgio; return this; }

    public Driver getDriver() { return child(Driver.class); }
    public Disk setDriver(Driver driver) { setChild(Driver.class, driver); return this; }
    /** Disk-level {@code <auth>} (legacy placement, what Nova writes). */
    public DiskAuth getAuth() { return child(DiskAuth.class); }
    public Disk setAuth(DiskAuth auth) { setChild(DiskAuth.class, auth); return this; }
    public DiskSource getSource() { return child(DiskSource.class); }
    public Disk setSource(DiskSource source) { setChild(DiskSource.class, source); return this; }
    public BlockIo getBlockIo() { return child(BlockIo.class); }
    public Disk setBlockIo(BlockIo blockIo) { setChild(BlockIo.class, blockIo); return this; }
    public Target getTarget() { return child(Target.class); }
    public Disk setTarget(Target target) { setChild(Target.class, target); return this; }
    public IoTune getIoTune() { return child(IoTune.class); }
    public Disk setIoTune(IoTune ioTune) { setChild(IoTune.class, ioTune); return this; }
    public boolean isReadOnly() { return child(ReadOnly.class) != null; }
    public Disk setReadOnly(boolean readOnly) { setChild(ReadOnly.class, readOnly ? new ReadOnly() : null); return this; }
    public boolean isShareable() { return child(Shareable.class) != null; }
    public Disk setShareable(boolean on) { setChild(Shareable.class, on ? new Shareable() : null); return this; }
    public String getSerial() { SerialNumber s = child(SerialNumber.class); return s == null ? null : s.getValue(); }
    public Disk setSerial(String serial) { setChild(SerialNumber.class, serial == null ? null : new SerialNumber(serial)); return this; }
    public Integer getBootOrder() { Boot b = child(Boot.class); return b == null ? null : b.getOrder(); }
    public Disk setBootOrder(Integer order) { setChild(Boot.class, order == null ? null : new Boot(order)); return this; }
    public Boot getBoot() { return child(Boot.class); }
    public String getAlias() { Alias a = child(Alias.class); return a == null ? null : a.getName(); }
    public Disk setAlias(String alias) { setChild(Alias.class, alias == null ? null : new Alias(alias)); return this; }
    public Address getAddress() { return child(Address.class); }
    public Disk setAddress(Address address) { setChild(Address.class, address); return this; }

    /** {@code target@dev}, the name the driver and Nova key disks by (vda, sdb...). */
    public String getTargetDev() { Target t = getTarget(); return t == null ? null : t.getDev(); }

    /** The auth in effect: inside {@code <source>} if present there, else at disk level. */
    public Optional<DiskAuth> effectiveAuth() {
        DiskSource s = getSource();
        if (s != null && s.getAuth() != null) {
            return Optional.of(s.getAuth());
        }
        return Optional.ofNullable(getAuth());
    }

    /** True for {@code type='network'} disks with {@code protocol='rbd'}. */
    public boolean isRbd() {
        DiskSource s = getSource();
        return "network".equals(type) && s != null && "rbd".equals(s.getProtocol());
    }

    /** The path-like source that {@code type} selects: file, dev, dir, protocol name, or pool/volume. */
    public String sourceLocation() {
        DiskSource s = getSource();
        if (s == null) {
            return null;
        }
        String t = type == null ? "file" : type;
        return switch (t) {
            case "file" -> s.getFile();
            case "block" -> s.getDev();
            case "dir" -> s.getDir();
            case "network" -> s.getName();
            case "volume" -> s.getPool() == null ? s.getVolume() : s.getPool() + "/" + s.getVolume();
            default -> null;
        };
    }

    /** {@code <driver>}: hypervisor driver name and image format, cache, io, discard, detect_zeroes. */
    @XmlRootElement(name = "driver")
    public static class Driver extends XmlNode {
        @XmlAttribute private String name;
        @XmlAttribute private String type;
        @XmlAttribute private String cache;
        @XmlAttribute(name = "error_policy") private String errorPolicy;
        @XmlAttribute(name = "rerror_policy") private String rerrorPolicy;
        @XmlAttribute private String io;
        @XmlAttribute private String ioeventfd;
        @XmlAttribute(name = "event_idx") private String eventIdx;
        @XmlAttribute(name = "copy_on_read") private String copyOnRead;
        @XmlAttribute private String discard;
        @XmlAttribute private String iothread;
        @XmlAttribute(name = "detect_zeroes") private String detectZeroes;
        @XmlAttribute private String queues;
        @XmlAnyElement private List<Object> content = new ArrayList<>();

        @Override
        protected List<Object> children() { return content; }

        /** Hypervisor driver name ({@code qemu}); Nova leaves it out for RBD. */
        public String getName() { return name; }
        public Driver setName(String name) { this.name = name; return this; }
        /** Image format: raw, qcow2, ... */
        public String getType() { return type; }
        public Driver setType(String type) { this.type = type; return this; }
        /** Cache mode: default, none, writethrough, writeback, directsync, unsafe. */
        public String getCache() { return cache; }
        public Driver setCache(String cache) { this.cache = cache; return this; }
        public String getIo() { return io; }
        public Driver setIo(String io) { this.io = io; return this; }
        public String getDiscard() { return discard; }
        public Driver setDiscard(String discard) { this.discard = discard; return this; }
        public String getDetectZeroes() { return detectZeroes; }
        public Driver setDetectZeroes(String detectZeroes) { this.detectZeroes = detectZeroes; return this; }
        public String getErrorPolicy() { return errorPolicy; }
        public Driver setErrorPolicy(String errorPolicy) { this.errorPolicy = errorPolicy; return this; }
        public String getRerrorPolicy() { return rerrorPolicy; }
        public Driver setRerrorPolicy(String rerrorPolicy) { this.rerrorPolicy = rerrorPolicy; return this; }
        public String getIoeventfd() { return ioeventfd; }
        public Driver setIoeventfd(String ioeventfd) { this.ioeventfd = ioeventfd; return this; }
        public String getEventIdx() { return eventIdx; }
        public Driver setEventIdx(String eventIdx) { this.eventIdx = eventIdx; return this; }
        public String getCopyOnRead() { return copyOnRead; }
        public Driver setCopyOnRead(String copyOnRead) { this.copyOnRead = copyOnRead; return this; }
        public String getIothread() { return iothread; }
        public Driver setIothread(String iothread) { this.iothread = iothread; return this; }
        public String getQueues() { return queues; }
        public Driver setQueues(String queues) { this.queues = queues; return this; }
    }

    /** {@code <target dev bus tray removable rotation_rate>}. */
    @XmlRootElement(name = "target")
    public static class Target extends XmlNode {
        @XmlAttribute private String dev;
        @XmlAttribute private String bus;
        @XmlAttribute private String tray;
        @XmlAttribute private String removable;
        @XmlAttribute(name = "rotation_rate") private String rotationRate;
        @XmlAnyElement private List<Object> content = new ArrayList<>();

        public Target() {
        }

        public Target(String dev, String bus) {
            this.dev = dev;
            this.bus = bus;
        }

        @Override
        protected List<Object> children() { return content; }

        public String getDev() { return dev; }
        public Target setDev(String dev) { this.dev = dev; return this; }
        public String getBus() { return bus; }
        public Target setBus(String bus) { this.bus = bus; return this; }
        /** cdrom/floppy tray: open or closed. */
        public String getTray() { return tray; }
        public Target setTray(String tray) { this.tray = tray; return this; }
        public String getRemovable() { return removable; }
        public Target setRemovable(String removable) { this.removable = removable; return this; }
        public String getRotationRate() { return rotationRate; }
        public Target setRotationRate(String rotationRate) { this.rotationRate = rotationRate; return this; }
    }

    /** {@code <blockio logical_block_size physical_block_size/>}. */
    @XmlRootElement(name = "blockio")
    public static class BlockIo extends XmlNode {
        @XmlAttribute(name = "logical_block_size") private String logicalBlockSize;
        @XmlAttribute(name = "physical_block_size") private String physicalBlockSize;
        @XmlAnyElement private List<Object> content = new ArrayList<>();

        @Override
        protected List<Object> children() { return content; }

        public Integer getLogicalBlockSize() { return toInt(logicalBlockSize); }
        public BlockIo setLogicalBlockSize(Integer v) { this.logicalBlockSize = str(v); return this; }
        public Integer getPhysicalBlockSize() { return toInt(physicalBlockSize); }
        public BlockIo setPhysicalBlockSize(Integer v) { this.physicalBlockSize = str(v); return this; }
    }

    /** {@code <readonly/>}. */
    @XmlRootElement(name = "readonly")
    public static class ReadOnly extends XmlNode {
        @XmlAnyElement private List<Object> content = new ArrayList<>();

        @Override
        protected List<Object> children() { return content; }
    }

    /** {@code <shareable/>} (multi-attach). */
    @XmlRootElement(name = "shareable")
    public static class Shareable extends XmlNode {
        @XmlAnyElement private List<Object> content = new ArrayList<>();

        @Override
        protected List<Object> children() { return content; }
    }

    /** {@code <serial>} text of a disk (Nova: the volume id). */
    @XmlRootElement(name = "serial")
    public static class SerialNumber extends TextNode {
        public SerialNumber() {
        }

        public SerialNumber(String value) {
            super(value);
        }
    }

    @Override
    public String toString() {
        return "Disk[type=" + type + ", device=" + device + ", target=" + getTargetDev() + ", source="
                + Objects.toString(sourceLocation(), "-") + "]";
    }
}
