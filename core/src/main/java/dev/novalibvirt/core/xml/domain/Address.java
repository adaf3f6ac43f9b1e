package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/**
 * libvirt's device {@code <address>} (pci, drive, virtio-serial, ...). Values are kept as libvirt wrote them
 * ({@code 0x05} for PCI slots); the attributes not listed here are kept in {@link #getOtherAttributes()}.
 */
@XmlRootElement(name = "address")
public class Address extends XmlNode {
    @XmlAttribute private String type;
    @XmlAttribute private String domain;
    @XmlAttribute private String bus;
    @XmlAttribute private String slot;
    @XmlAttribute private String function;
    @XmlAttribute private String controller;
    @XmlAttribute private String target;
    @XmlAttribute private String unit;
    @XmlAttribute private String port;
    @XmlAttribute private String multifunction;
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    public Address() {
    }

    /** A PCI address as libvirt writes it: domain, bus, slot, function in hex. */
    public static Address pci(int domain, int bus, int slot, int function) {
        Address a = new Address();
        a.type = "pci";
        a.domain = String.format("0x%04x", domain);
        a.bus = String.format("0x%02x", bus);
        a.slot = String.format("0x%02x", slot);
        a.function = String.format("0x%x", function);
        return a;
    }

    /** A drive address (IDE/SCSI/SATA): controller, bus, target, unit. */
    public static Address drive(int controller, int bus, int target, int unit) {
        Address a = new Address();
        a.type = "drive";
        a.controller = Integer.toString(controller);
        a.bus = Integer.toString(bus);
        a.target = Integer.toString(target);
        a.unit = Integer.toString(unit);
        return a;
    }

    public String getType() { return type; }
    public Address setType(String type) { this.type = type; return this; }
    public String getDomain() { return domain; }
    public Address setDomain(String domain) { this.domain = domain; return this; }
    public String getBus() { return bus; }
    public Address setBus(String bus) { this.bus = bus; return this; }
    public String getSlot() { return slot; }
    public Address setSlot(String slot) { this.slot = slot; return this; }
    public String getFunction() { return function; }
    public Address setFunction(String function) { this.function = function; return this; }
    public String getController() { return controller; }
    public Address setController(String controller) { this.controller = controller; return this; }
    public String getTarget() { return target; }
    public Address setTarget(String target) { this.target = target; return this; }
    public String getUnit() { return unit; }
    public Address setUnit(String unit) { this.unit = unit; return this; }
    public String getPort() { return port; }
    public Address setPort(String port) { this.port = port; return this; }
    public String getMultifunction() { return multifunction; }
    public Address setMultifunction(String multifunction) { this.multifunction = multifunction; return this; }

    @Override
    protected List<Object> children() {
        return content;
    }
}
