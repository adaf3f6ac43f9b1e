package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/**
 * libvirt's {@code <interface>} (formatdomain "Network interfaces"), Nova's {@code LibvirtConfigGuestInterface}:
 * type bridge, network, ethernet, direct, ...; mac, source, target, model, mtu, boot, alias, address. Other
 * children (driver, virtualport, bandwidth, link, filterref, ...) are kept in place as elements.
 */
@XmlRootElement(name = "interface")
public class Interface extends XmlNode {
    private static final List<String> ORDER = List.of("mac", "source", "vlan", "virtualport", "ip", "route",
            "script", "downscript", "backenddomain", "target", "guest", "model", "driver", "backend", "filterref",
            "tune", "teaming", "link", "mtu", "bandwidth", "coalesce", "rom", "boot", "alias", "address", "acpi");

    @XmlAttribute private String type;
    @XmlAttribute private String managed;
    @XmlAttribute private String trustGuestRxFilters;

    @XmlElementRefs({
        @XmlElementRef(type = Mac.class),
        @XmlElementRef(type = InterfaceSource.class),
        @XmlElementRef(type = InterfaceTarget.class),
        @XmlElementRef(type = InterfaceModel.class),
        @XmlElementRef(type = Mtu.class),
        @XmlElementRef(type = Boot.class),
        @XmlElementRef(type = Alias.class),
        @XmlElementRef(type = Address.class)
    })
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    public Interface() {
    }

    public Interface(String type) {
        this.type = type;
    }

    /** {@code <interface type='bridge'><source bridge='...'/>}. */
    public static Interface bridge(String bridge, String mac, String model) {
        Interface i = new Interface("bridge");
        if (mac != null) {
            i.setMac(mac);
        }
        i.setSource(new InterfaceSource().setBridge(bridge));
        if (model != null) {
            i.setModel(model);
        }
        return i;
    }

    /** {@code <interface type='network'><source network='...'/>}. */
    public static Interface network(String network, String mac, String model) {
        Interface i = new Interface("network");
        if (mac != null) {
            i.setMac(mac);
        }
        i.setSource(new InterfaceSource().setNetwork(network));
        if (model != null) {
            i.setModel(model);
        }
        return i;
    }

    @Override
    protected List<Object> children() { return content; }

    @Override
    protected List<String> childOrder() { return ORDER; }

    public String getType() { return type; }
    public Interface setType(String type) { this.type = type; return this; }
    public String getManaged() { return managed; }
    public Interface setManaged(String managed) { this.managed = managed; return this; }
    public String getTrustGuestRxFilters() { return trustGuestRxFilters; }
    public Interface setTrustGuestRxFilters(String v) { this.trustGuestRxFilters = v; return this; }

    public String getMac() { Mac m = child(Mac.class); return m == null ? null : m.getAddress(); }
    public Interface setMac(String mac) { setChild(Mac.class, mac == null ? null : new Mac().setAddress(mac)); return this; }
    public InterfaceSource getSource() { return child(InterfaceSource.class); }
    public Interface setSource(InterfaceSource source) { setChild(InterfaceSource.class, source); return this; }
    public String getTargetDev() { InterfaceTarget t = child(InterfaceTarget.class); return t == null ? null : t.getDev(); }
    public InterfaceTarget getTarget() { return child(InterfaceTarget.class); }
    public Interface setTarget(InterfaceTarget target) { setChild(InterfaceTarget.class, target); return this; }
    public String getModel() { InterfaceModel m = child(InterfaceModel.class); return m == null ? null : m.getType(); }
    public Interface setModel(String model) {
        setChild(InterfaceModel.class, model == null ? null : new InterfaceModel().setType(model));
        return this;
    }
    public Integer getMtu() { Mtu m = child(Mtu.class); return m == null ? null : toInt(m.getSize()); }
    public Interface setMtu(Integer mtu) { setChild(Mtu.class, mtu == null ? null : new Mtu().setSize(mtu.toString())); return this; }
    public Integer getBootOrder() { Boot b = child(Boot.class); return b == null ? null : b.getOrder(); }
    public Interface setBootOrder(Integer order) { setChild(Boot.class, order == null ? null : new Boot(order)); return this; }
    public String getAlias() { Alias a = child(Alias.class); return a == null ? null : a.getName(); }
    public Interface setAlias(String alias) { setChild(Alias.class, alias == null ? null : new Alias(alias)); return this; }
    public Address getAddress() { return child(Address.class); }
    public Interface setAddress(Address address) { setChild(Address.class, address); return this; }
}
