package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <auth username='nova'><secret type='ceph' uuid='...'/></auth>} of a network disk, at disk level or
 * inside {@code <source>}. The secret is referenced by {@code uuid} or by {@code usage}; the key itself never
 * appears in domain XML.
 */
@XmlRootElement(name = "auth")
public class DiskAuth extends XmlNode {
    @XmlAttribute private String username;
    @XmlElementRefs({@XmlElementRef(type = DiskAuth.Secret.class)})
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    public DiskAuth() {
    }

    /** Auth with a secret referenced by uuid: {@code <secret type='ceph' uuid='...'/>}. */
    public static DiskAuth byUuid(String username, String secretType, String uuid) {
        DiskAuth a = new DiskAuth();
        a.username = username;
        a.setSecret(new Secret(secretType, uuid, null));
        return a;
    }

    /** Auth with a secret referenced by usage: {@code <secret type='ceph' usage='...'/>}. */
    public static DiskAuth byUsage(String username, String secretType, String usage) {
        DiskAuth a = new DiskAuth();
        a.username = username;
        a.setSecret(new Secret(secretType, null, usage));
        return a;
    }

    @Override
    protected List<Object> children() { return content; }

    public String getUsername() { return username; }
    public DiskAuth setUsername(String username) { this.username = username; return this; }
    public Secret getSecret() { return child(Secret.class); }
    public DiskAuth setSecret(Secret secret) { setChild(Secret.class, secret); return this; }

    /** {@code <secret type uuid usage/>} inside {@code <auth>}: type is ceph or iscsi. */
    @XmlRootElement(name = "secret")
    public static class Secret extends XmlNode {
        @XmlAttribute private String type;
        @XmlAttribute private String uuid;
        @XmlAttribute private String usage;
        @XmlAnyElement private List<Object> content = new ArrayList<>();

        public Secret() {
        }

        public Secret(String type, String uuid, String usage) {
            this.type = type;
            this.uuid = uuid;
            this.usage = usage;
        }

        @Override
        protected List<Object> children() { return content; }

        public String getType() { return type; }
        public Secret setType(String type) { this.type = type; return this; }
        public String getUuid() { return uuid; }
        public Secret setUuid(String uuid) { this.uuid = uuid; return this; }
        public String getUsage() { return usage; }
        public Secret setUsage(String usage) { this.usage = usage; return this; }
    }
}
