package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** The {@code <target>} of a serial/console/channel (type, port; channel: name, state, address). */
@XmlRootElement(name = "target")
public class CharTarget extends XmlNode {
    @XmlAttribute private String type;
    @XmlAttribute private String port;
    @XmlAttribute private String name;
    @XmlAttribute private String state;
    @XmlAttribute private String address;
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    public CharTarget() {
    }

    @Override
    protected List<Object> children() { return content; }

    public String getType() { return type; }
    public CharTarget setType(String type) { this.type = type; return this; }

    public String getPort() { return port; }
    public CharTarget setPort(String port) { this.port = port; return this; }

    public String getName() { return name; }
    public CharTarget setName(String name) { this.name = name; return this; }

    public String getState() { return state; }
    public CharTarget setState(String state) { this.state = state; return this; }

    public String getAddress() { return address; }
    public CharTarget setAddress(String address) { this.address = address; return this; }
}
