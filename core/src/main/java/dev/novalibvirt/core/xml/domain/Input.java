package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** libvirt's {@code <input type bus/>} device (tablet, mouse, keyboard). */
@XmlRootElement(name = "input")
public class Input extends XmlNode {
    @XmlAttribute private String type;
    @XmlAttribute private String bus;

    @XmlElementRefs({
        @XmlElementRef(type = Alias.class),
        @XmlElementRef(type = Address.class)
    })
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    public Input() {
    }

    @Override
    protected List<Object> children() { return content; }

    public String getType() { return type; }
    public Input setType(String type) { this.type = type; return this; }

    public String getBus() { return bus; }
    public Input setBus(String bus) { this.bus = bus; return this; }

    public String getAlias() { Alias a = child(Alias.class); return a == null ? null : a.getName(); }
    public Input setAlias(String alias) { setChild(Alias.class, alias == null ? null : new Alias(alias)); return this; }
    public Address getAddress() { return child(Address.class); }
    public Input setAddress(Address address) { setChild(Address.class, address); return this; }
}
