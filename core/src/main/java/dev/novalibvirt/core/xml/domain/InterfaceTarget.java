package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** An interface's {@code <target dev/>} (the host-side tap name). */
@XmlRootElement(name = "target")
public class InterfaceTarget extends XmlNode {
    @XmlAttribute private String dev;
    @XmlAttribute private String managed;
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    public InterfaceTarget() {
    }

    @Override
    protected List<Object> children() { return content; }

    public String getDev() { return dev; }
    public InterfaceTarget setDev(String dev) { this.dev = dev; return this; }

    public String getManaged() { return managed; }
    public InterfaceTarget setManaged(String managed) { this.managed = managed; return this; }
}
