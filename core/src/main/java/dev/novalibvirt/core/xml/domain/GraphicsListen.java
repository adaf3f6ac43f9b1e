package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** A {@code <listen type address network socket/>} child of {@code <graphics>}. */
@XmlRootElement(name = "listen")
public class GraphicsListen extends XmlNode {
    @XmlAttribute private String type;
    @XmlAttribute private String address;
    @XmlAttribute private String network;
    @XmlAttribute private String socket;
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    public GraphicsListen() {
    }

    @Override
    protected List<Object> children() { return content; }

    public String getType() { return type; }
    public GraphicsListen setType(String type) { this.type = type; return this; }

    public String getAddress() { return address; }
    public GraphicsListen setAddress(String address) { this.address = address; return this; }

    public String getNetwork() { return network; }
    public GraphicsListen setNetwork(String network) { this.network = network; return this; }

    public String getSocket() { return socket; }
    public GraphicsListen setSocket(String socket) { this.socket = socket; return this; }
}
