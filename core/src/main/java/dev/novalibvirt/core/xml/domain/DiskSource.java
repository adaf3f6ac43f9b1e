package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/**
 * A disk's {@code <source>}. Which attributes apply depends on {@code disk@type}: {@code file} (file),
 * {@code dev} (block), {@code dir} (dir), {@code protocol}+{@code name} with {@code <host>} children (network:
 * rbd, nbd, iscsi, http, ...), {@code pool}+{@code volume}+{@code mode} (volume). Network sources may carry
 * {@code <snapshot name>}, {@code <config file>} and {@code <auth>} (the newer auth placement).
 */
@XmlRootElement(name = "source")
public class DiskSource extends XmlNode {

    private static final List<String> ORDER = List.of("host", "snapshot", "config", "reconnect", "auth",
            "encryption", "reservations", "initiator", "address", "seclabel", "slices", "ssl", "cookies",
            "readahead", "timeout");

    @XmlAttribute private String file;
    @XmlAttribute private String dev;
    @XmlAttribute private String dir;
    @XmlAttribute private String protocol;
    @XmlAttribute private String name;
    @XmlAttribute private String tls;
    @XmlAttribute private String pool;
    @XmlAttribute private String volume;
    @XmlAttribute private String mode;
    @XmlAttribute private String index;
    @XmlAttribute private String startupPolicy;

    @XmlElementRefs({
        @XmlElementRef(type = DiskHost.class),
        @XmlElementRef(type = DiskSource.Snapshot.class),
        @XmlElementRef(type = DiskSource.Config.class),
        @XmlElementRef(type = DiskAuth.class)
    })
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    public DiskSource() {
    }

    @Override
    protected List<Object> children() { return content; }

    @Override
    protected List<String> childOrder() { return ORDER; }

    /** A {@code type='file'} source. */
    public static DiskSource file(String path) {
        DiskSource s = new DiskSource();
        s.file = path;
        return s;
    }

    /** A {@code type='block'} source. */
    public static DiskSource block(String dev) {
        DiskSource s = new DiskSource();
        s.dev = dev;
        return s;
    }

    /** A {@code type='network'} source, for example protocol rbd with name {@code pool/image}. */
    public static DiskSource network(String protocol, String name) {
        DiskSource s = new DiskSource();
        s.protocol = protocol;
        s.name = name;
        return s;
    }

    /** A {@code type='volume'} source from a libvirt storage pool. */
    public static DiskSource volume(String pool, String volume) {
        DiskSource s = new DiskSource();
        s.pool = pool;
        s.volume = volume;
        return s;
    }

    public String getFile() { return file; }
    public DiskSource setFile(String file) { this.file = file; return this; }
    public String getDev() { return dev; }
    public DiskSource setDev(String dev) { this.dev = dev; return this; }
    public String getDir() { return dir; }
    public DiskSource setDir(String dir) { this.dir = dir; return this; }
    /** Network protocol: rbd, nbd, iscsi, gluster, http(s), ... */
    public String getProtocol() { return protocol; }
    public DiskSource setProtocol(String protocol) { this.protocol = protocol; return this; }
    /** Network name; for rbd {@code pool/image} (optionally {@code pool/namespace/image}). */
    public String getName() { return name; }
    public DiskSource setName(String name) { this.name = name; return this; }
    public String getTls() { return tls; }
    public DiskSource setTls(String tls) { this.tls = tls; return this; }
    public String getPool() { return pool; }
    public DiskSource setPool(String pool) { this.pool = pool; return this; }
    public String getVolume() { return volume; }
    public DiskSource setVolume(String volume) { this.volume = volume; return this; }
    public String getMode() { return mode; }
    public DiskSource setMode(String mode) { this.mode = mode; return this; }
    public String getIndex() { return index; }
    public DiskSource setIndex(String index) { this.index = index; return this; }
    public String getStartupPolicy() { return startupPolicy; }
    public DiskSource setStartupPolicy(String startupPolicy) { this.startupPolicy = startupPolicy; return this; }

    /** The {@code <host>} children in document order (a copy; use {@link #setHosts} to change them). */
    public List<DiskHost> getHosts() { return childList(DiskHost.class); }

    /** Replaces all hosts, in place, keeping every other child where it was. */
    public DiskSource setHosts(List<DiskHost> hosts) { setChildList(DiskHost.class, hosts); return this; }

    public DiskSource addHost(DiskHost host) { addChild(host); return this; }

    /** {@code <snapshot name>} of a network source (rbd snapshot to read from). */
    public String getSnapshot() { Snapshot s = child(Snapshot.class); return s == null ? null : s.name; }

    public DiskSource setSnapshot(String snapshotName) {
        Snapshot s = null;
        if (snapshotName != null) {
            s = new Snapshot();
            s.name = snapshotName;
        }
        setChild(Snapshot.class, s);
        return this;
    }

    /** {@code <config file>}: the ceph.conf (or gluster volfile) QEMU reads. */
    public String getConfigFile() { Config c = child(Config.class); return c == null ? null : c.file; }

    public DiskSource setConfigFile(String file) {
        Config c = null;
        if (file != null) {
            c = new Config();
            c.file = file;
        }
        setChild(Config.class, c);
        return this;
    }

    /** Source-level {@code <auth>} (the newer placement). */
    public DiskAuth getAuth() { return child(DiskAuth.class); }
    public DiskSource setAuth(DiskAuth auth) { setChild(DiskAuth.class, auth); return this; }

    /** {@code <snapshot name='...'/>} inside a network disk source. */
    @XmlRootElement(name = "snapshot")
    public static class Snapshot extends XmlNode {
        @XmlAttribute private String name;
        @XmlAnyElement private List<Object> content = new ArrayList<>();

        @Override
        protected List<Object> children() { return content; }

        public String getName() { return name; }
    }

    /** {@code <config file='...'/>} inside a network disk source. */
    @XmlRootElement(name = "config")
    public static class Config extends XmlNode {
        @XmlAttribute private String file;
        @XmlAnyElement private List<Object> content = new ArrayList<>();

        @Override
        protected List<Object> children() { return content; }

        public String getFile() { return file; }
    }
}
