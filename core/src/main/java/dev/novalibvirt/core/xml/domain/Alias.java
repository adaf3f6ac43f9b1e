package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** libvirt's device {@code <alias name='virtio-disk0'/>}; user aliases start with {@code ua-}. */
@XmlRootElement(name = "alias")
public class Alias extends XmlNode {
    @XmlAttribute private String name;
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    public Alias() {
    }

    public Alias(String name) {
        this.name = name;
    }

    public String getName() { return name; }
    public Alias setName(String name) { this.name = name; return this; }

    @Override
    protected List<Object> children() {
        return content;
    }
}
