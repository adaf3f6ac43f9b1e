package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/**
 * libvirt's {@code <lease>} device (formatdomain "Device leases"): a lock-manager lease (sanlock) with
 * {@code <lockspace>}, {@code <key>} and {@code <target path offset/>}. Used to keep two hosts from writing
 * one disk.
 */
@XmlRootElement(name = "lease")
public class Lease extends XmlNode {
    @XmlElementRefs({
        @XmlElementRef(type = Lease.Lockspace.class),
        @XmlElementRef(type = Lease.Key.class),
        @XmlElementRef(type = LeaseTarget.class)
    })
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    public Lease() {
    }

    public Lease(String lockspace, String key, String path, Long offset) {
        setLockspace(lockspace);
        setKey(key);
        setTarget(path, offset);
    }

    @Override
    protected List<Object> children() { return content; }

    @Override
    protected List<String> childOrder() { return List.of("lockspace", "key", "target"); }

    public String getLockspace() { Lockspace l = child(Lockspace.class); return l == null ? null : l.getValue(); }
    public Lease setLockspace(String v) { setChild(Lockspace.class, v == null ? null : new Lockspace(v)); return this; }
    public String getKey() { Key k = child(Key.class); return k == null ? null : k.getValue(); }
    public Lease setKey(String v) { setChild(Key.class, v == null ? null : new Key(v)); return this; }
    public String getTargetPath() { LeaseTarget t = child(LeaseTarget.class); return t == null ? null : t.getPath(); }
    public Long getTargetOffset() { LeaseTarget t = child(LeaseTarget.class); return t == null ? null : toLong(t.getOffset()); }

    public Lease setTarget(String path, Long offset) {
        setChild(LeaseTarget.class, path == null ? null : new LeaseTarget().setPath(path).setOffset(str(offset)));
        return this;
    }

    /** {@code <lockspace>} text. */
    @XmlRootElement(name = "lockspace")
    public static class Lockspace extends TextNode {
        public Lockspace() {
        }

        public Lockspace(String v) {
            super(v);
        }
    }

    /** {@code <key>} text. */
    @XmlRootElement(name = "key")
    public static class Key extends TextNode {
        public Key() {
        }

        public Key(String v) {
            super(v);
        }
    }
}
