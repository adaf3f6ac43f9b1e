package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A network disk source's {@code <host name port transport socket/>}: for RBD one per Ceph monitor. The name is
 * an IPv4 address, an IPv6 address WITHOUT brackets (libvirt adds them when it builds QEMU's arguments) or a DNS
 * name; the port is kept as text (libvirt's schema allows a service name).
 */
@XmlRootElement(name = "host")
public class DiskHost extends XmlNode {
    @XmlAttribute private String name;
    @XmlAttribute private String port;
    @XmlAttribute private String transport;
    @XmlAttribute private String socket;
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    public DiskHost() {
    }

    /** A host; brackets around an IPv6 address are removed. Port may be null (libvirt's default). */
    public DiskHost(String name, String port) {
        this.name = unbracket(name);
        this.port = port;
    }

    public static DiskHost of(String name, int port) {
        return new DiskHost(name, Integer.toString(port));
    }

    static String unbracket(String host) {
        if (host != null && host.length() > 1 && host.startsWith("[") && host.endsWith("]")) {
            return host.substring(1, host.length() - 1);
        }
        return host;
    }

    @Override
    protected List<Object> children() { return content; }

    public String getName() { return name; }
    public DiskHost setName(String name) { this.name = unbracket(name); return this; }
    public String getPort() { return port; }
    public DiskHost setPort(String port) { this.port = port; return this; }
    /** tcp (default), unix, rdma. */
    public String getTransport() { return transport; }
    public DiskHost setTransport(String transport) { this.transport = transport; return this; }
    public String getSocket() { return socket; }
    public DiskHost setSocket(String socket) { this.socket = socket; return this; }

    /** True when the name is an IPv6 literal. */
    public boolean isIpv6() {
        return name != null && name.indexOf(':') >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiskHost h && Objects.equals(name, h.name) && Objects.equals(port, h.port)
                && Objects.equals(transport, h.transport) && Objects.equals(socket, h.socket);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, port, transport, socket);
    }

    @Override
    public String toString() {
        String host = isIpv6() ? "[" + name + "]" : name;
        return port == null ? host : host + ":" + port;
    }
}
