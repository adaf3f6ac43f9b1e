package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** A device's {@code <boot order='N'/>} (per-device boot order, as opposed to {@code <os><boot dev=.../>}). */
@XmlRootElement(name = "boot")
public class Boot extends XmlNode {
    @XmlAttribute private String order;
    @XmlAttribute private String loadparm;
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    public Boot() {
    }

    public Boot(int order) {
        this.order = Integer.toString(order);
    }

    public Integer getOrder() { return toInt(order); }
    public Boot setOrder(Integer order) { this.order = str(order); return this; }
    public String getLoadparm() { return loadparm; }
    public Boot setLoadparm(String loadparm) { this.loadparm = loadparm; return this; }

    @Override
    protected List<Object> children() {
        return content;
    }
}
