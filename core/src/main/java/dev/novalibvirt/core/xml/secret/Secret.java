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
 * libvirt's {@code <secret ephemeral private>} document (formatsecret), Nova's {@code LibvirtConfigSecret}: uuid,
 * description and {@code <usage type>} with {@code <name>} for ceph (and iscsi, tls, vtpm) or {@code <volume>}
 * for volume usage. The secret VALUE is never part of this XML; it is set separately (virSecretSetValue).
 */
@XmlRootElement(name = "secret")
@XmlType(name = "secretDocument")
public class Secret extends XmlNode {
    @XmlAttribute private String ephemeral;
    @XmlAttribute(name = "private") private String privateAttr;

    @XmlElementRefs({
        @XmlElementRef(type = Secret.Uuid.class),
        @XmlElementRef(type = Secret.Description.class),
        @XmlElementRef(type = Usage.class)
    })
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    public Secret() {
    }

    /**
     * A ceph secret as Nova defines it for RBD ({@code ephemeral='no' private='no'}, usage ceph with the given
     * name, e.g. {@code client.nova secret}).
     */
    public static Secret ceph(String uuid, String usageName) {
        Secret s = new Secret();
        s.ephemeral = "no";
        s.privateAttr = "no";
        s.setUuid(uuid);
        s.setUsage(Usage.ceph(usageName));
        return s;
    }

    /** A secret with volume usage (an encrypted volume's passphrase), identified by the volume path. */
    public static Secret volume(String uuid, String volumePath) {
        Secret s = new Secret();
        s.ephemeral = "no";
        s.privateAttr = "yes";
        s.setUuid(uuid);
        s.setUsage(Usage.volume(volumePath));
        return s;
    }

    @Override
    protected List<Object> children() { return content; }

    @Override
    protected List<String> childOrder() { return List.of("uuid", "description", "usage"); }

    public Boolean getEphemeral() { return ephemeral == null ? null : "yes".equals(ephemeral); }
    public Secret setEphemeral(Boolean v) { this.ephemeral = v == null ? null : v ? "yes" : "no"; return this; }
    public Boolean getPrivate() { return privateAttr == null ? null : "yes".equals(privateAttr); }
    public Secret setPrivate(Boolean v) { this.privateAttr = v == null ? null : v ? "yes" : "no"; return this; }
    public String getUuid() { Uuid u = child(Uuid.class); return u == null ? null : u.getValue(); }
    public Secret setUuid(String uuid) { setChild(Uuid.class, uuid == null ? null : new Uuid(uuid)); return this; }
    public String getDescription() { Description d = child(Description.class); return d == null ? null : d.getValue(); }
    public Secret setDescription(String d) { setChild(Description.class, d == null ? null : new Description(d)); return this; }
    public Usage getUsage() { return child(Usage.class); }
    public Secret setUsage(Usage usage) { setChild(Usage.class, usage); return this; }

    /** {@code <uuid>} of a secret. */
    @XmlRootElement(name = "uuid")
    @XmlType(name = "secretUuid")
    public static class Uuid extends TextNode {
        public Uuid() {
        }

        public Uuid(String v) {
            super(v);
        }
    }

    /** {@code <description>} of a secret. */
    @XmlRootElement(name = "description")
    @XmlType(name = "secretDescription")
    public static class Description extends TextNode {
        public Description() {
        }

        public Description(String v) {
            super(v);
        }
    }
}
