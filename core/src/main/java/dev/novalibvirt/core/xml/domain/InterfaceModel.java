package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** An interface's {@code <model type/>} (virtio, e1000, ...). */
@XmlRootElement(name = "model")
public class InterfaceModel extends XmlNode {
    @XmlAttribute private String type;
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    public InterfaceModel() {
    }

    @Override
    protected List<Object> children() { return content; }

    public String getType() { return type; }
    public InterfaceModel setType(String type) { this.type = type; return this; }
}
