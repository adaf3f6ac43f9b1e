package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlTransient;
import java.util.ArrayList;
import java.util.List;

/**
 * Common shape of libvirt's character devices {@code <serial>}, {@code <console>} and {@code <channel>}: a
 * {@code type} (pty, file, tcp, unix, udp, spicevmc, ...), a {@code <source>} whose attributes depend on it
 * (path; path+append for file; mode+host+service for tcp), {@code <protocol>}, {@code <target>}, alias and
 * address. Other children ({@code <log>}, ...) are kept in place.
 */
@XmlTransient
public abstract class CharDevice<T extends CharDevice<T>> extends XmlNode {
    private static final List<String> ORDER = List.of("source", "protocol", "log", "target", "alias", "address");

    @XmlAttribute private String type;

    @XmlElementRefs({
        @XmlElementRef(type = CharSource.class),
        @XmlElementRef(type = CharProtocol.class),
        @XmlElementRef(type = CharTarget.class),
        @XmlElementRef(type = Alias.class),
        @XmlElementRef(type = Address.class)
    })
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    protected CharDevice() {
    }

    protected CharDevice(String type) {
        this.type = type;
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    @Override
    protected List<Object> children() { return content; }

    @Override
    protected List<String> childOrder() { return ORDER; }

    public String getType() { return type; }
    public T setType(String type) { this.type = type; return self(); }
    /** The first {@code <source>} (udp devices have two: connect and bind; see {@link #getSources()}). */
    public CharSource getSource() { return child(CharSource.class); }
    public T setSource(CharSource source) { setChild(CharSource.class, source); return self(); }
    public List<CharSource> getSources() { return childList(CharSource.class); }
    public String getProtocol() { CharProtocol p = child(CharProtocol.class); return p == null ? null : p.getType(); }
    public T setProtocol(String protocol) {
        setChild(CharProtocol.class, protocol == null ? null : new CharProtocol().setType(protocol));
        return self();
    }
    public CharTarget getTarget() { return child(CharTarget.class); }
    public T setTarget(CharTarget target) { setChild(CharTarget.class, target); return self(); }
    public String getAlias() { Alias a = child(Alias.class); return a == null ? null : a.getName(); }
    public T setAlias(String alias) { setChild(Alias.class, alias == null ? null : new Alias(alias)); return self(); }
    public Address getAddress() { return child(Address.class); }
    public T setAddress(Address address) { setChild(Address.class, address); return self(); }

    /** Makes this a tcp device: {@code <source mode host service/>} plus {@code <protocol type/>}. */
    public T tcp(String mode, String host, String service, String protocol) {
        type = "tcp";
        setSource(new CharSource().setMode(mode).setHost(host).setService(service));
        setProtocol(protocol);
        return self();
    }

    /** Makes this a file device: {@code <source path append/>}. */
    public T file(String path, Boolean append) {
        type = "file";
        setSource(new CharSource().setPath(path).setAppend(yesNo(append) == null ? null
                : append ? "on" : "off"));
        return self();
    }

    /** Makes this a pty device. */
    public T pty() {
        type = "pty";
        setSource(null);
        return self();
    }
}
