package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** An interface's {@code <mac address/>}. */
@XmlRootElement(name = "mac")
public class Mac extends XmlNode {
    @XmlAttribute private String address;
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    public Mac() {
    }

    @Override
    protected List<Object> children() { return content; }

    public String getAddress() { return address; }
    public Mac setAddress(String address) { this.address = address; return this; }
}
