package dev.novalibvirt.core.xml.secret;

import dev.novalibvirt.core.xml.domain.TextNode;
import dev.novalibvirt.core.xml.domain.XmlNode;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * A secret's {@code <usage type>}: type ceph, iscsi, tls and vtpm carry {@code <name>} (iscsi: {@code <target>});
 * type volume carries {@code <volume>} (the volume's path).
 */
@XmlRootElement(name = "usage")
@XmlType(name = "secretUsage")
public class Usage extends XmlNode {
    @XmlAttribute private String type;

    @XmlElementRefs({
        @XmlElementRef(type = Usage.Name.class),
        @XmlElementRef(type = Usage.Volume.class),
        @XmlElementRef(type = Usage.Target.class)
    })
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    public Usage() {
    }

    public static Usage ceph(String name) {
        Usage u = new Usage();
        u.type = "ceph";
        u.setName(name);
        return u;
    }

    public static Usage volume(String path) {
        Usage u = new Usage();
        u.type = "volume";
        u.setVolume(path);
        return u;
    }

    @Override
    protected List<Object> children() { return content; }

    public String getType() { return type; }
    public Usage setType(String type) { this.type = type; return this; }
    public String getName() { Name n = child(Name.class); return n == null ? null : n.getValue(); }
    public Usage setName(String name) { setChild(Name.class, name == null ? null : new Name(name)); return this; }
    public String getVolume() { Volume v = child(Volume.class); return v == null ? null : v.getValue(); }
    public Usage setVolume(String path) { setChild(Volume.class, path == null ? null : new Volume(path)); return this; }
    public String getTarget() { Target t = child(Target.class); return t == null ? null : t.getValue(); }
    public Usage setTarget(String target) { setChild(Target.class, target == null ? null : new Target(target)); return this; }

    /** {@code <name>} of a ceph/tls/vtpm usage. */
    @XmlRootElement(name = "name")
    @XmlType(name = "secretUsageName")
    public static class Name extends TextNode {
        public Name() {
        }

        public Name(String v) {
            super(v);
        }
    }

    /** {@code <volume>} path of a volume usage. */
    @XmlRootElement(name = "volume")
    @XmlType(name = "secretUsageVolume")
    public static class Volume extends TextNode {
        public Volume() {
        }

        public Volume(String v) {
            super(v);
        }
    }

    /** {@code <target>} of an iscsi usage. */
    @XmlRootElement(name = "target")
    @XmlType(name = "secretUsageTarget")
    public static class Target extends TextNode {
        public Target() {
        }

        public Target(String v) {
            super(v);
        }
    }
}
