package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** The {@code <protocol type/>} of a tcp character device (raw, telnet, telnets, tls). */
@XmlRootElement(name = "protocol")
public class CharProtocol extends XmlNode {
    @XmlAttribute private String type;
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    public CharProtocol() {
    }

    @Override
    protected List<Object> children() { return content; }

    public String getType() { return type; }
    public CharProtocol setType(String type) { this.type = type; return this; }
}
