package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** libvirt's {@code <controller type index model/>} (pci, usb, scsi, virtio-serial, ...); driver/target children are kept as elements. */
@XmlRootElement(name = "controller")
public class Controller extends XmlNode {
    @XmlAttribute private String type;
    @XmlAttribute private String index;
    @XmlAttribute private String model;
    @XmlAttribute private String ports;
    @XmlAttribute private String vectors;

    @XmlElementRefs({
        @XmlElementRef(type = Alias.class),
        @XmlElementRef(type = Address.class)
    })
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    public Controller() {
    }

    @Override
    protected List<Object> children() { return content; }

    public String getType() { return type; }
    public Controller setType(String type) { this.type = type; return this; }

    public String getIndex() { return index; }
    public Controller setIndex(String index) { this.index = index; return this; }

    public String getModel() { return model; }
    public Controller setModel(String model) { this.model = model; return this; }

    public String getPorts() { return ports; }
    public Controller setPorts(String ports) { this.ports = ports; return this; }

    public String getVectors() { return vectors; }
    public Controller setVectors(String vectors) { this.vectors = vectors; return this; }

    public String getAlias() { Alias a = child(Alias.class); return a == null ? null : a.getName(); }
    public Controller setAlias(String alias) { setChild(Alias.class, alias == null ? null : new Alias(alias)); return this; }
    public Address getAddress() { return child(Address.class); }
    public Controller setAddress(Address address) { setChild(Address.class, address); return this; }
}
