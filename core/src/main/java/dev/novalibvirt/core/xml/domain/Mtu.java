package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** An interface's {@code <mtu size/>}. */
@XmlRootElement(name = "mtu")
public class Mtu extends XmlNode {
    @XmlAttribute private String size;
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    public Mtu() {
    }

    @Override
    protected List<Object> children() { return content; }

    public String getSize() { return size; }
    public Mtu setSize(String size) { this.size = size; return this; }
}
