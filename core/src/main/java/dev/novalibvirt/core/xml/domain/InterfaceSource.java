package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** An interface's {@code <source>}: bridge, network (+portgroup), dev and mode (direct), ... */
@XmlRootElement(name = "source")
public class InterfaceSource extends XmlNode {
    @XmlAttribute private String bridge;
    @XmlAttribute private String network;
    @XmlAttribute private String portgroup;
    @XmlAttribute private String dev;
    @XmlAttribute private String mode;
    @XmlAttribute private String type;
    @XmlAttribute private String path;
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    public InterfaceSource() {
    }

    @Override
    protected List<Object> children() { return content; }

    public String getBridge() { return bridge; }
    public InterfaceSource setBridge(String bridge) { this.bridge = bridge; return this; }

    public String getNetwork() { return network; }
    public InterfaceSource setNetwork(String network) { this.network = network; return this; }

    public String getPortgroup() { return portgroup; }
    public InterfaceSource setPortgroup(String portgroup) { this.portgroup = portgroup; return this; }

    public String getDev() { return dev; }
    public InterfaceSource setDev(String dev) { this.dev = dev; return this; }

    public String getMode() { return mode; }
    public InterfaceSource setMode(String mode) { this.mode = mode; return this; }

    public String getType() { return type; }
    public InterfaceSource setType(String type) { this.type = type; return this; }

    public String getPath() { return path; }
    public InterfaceSource setPath(String path) { this.path = path; return this; }
}
