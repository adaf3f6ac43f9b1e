package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** A memballoon's {@code <stats period/>}. */
@XmlRootElement(name = "stats")
public class Stats extends XmlNode {
    @XmlAttribute private String period;
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    public Stats() {
    }

    @Override
    protected List<Object> children() { return content; }

    public String getPeriod() { return period; }
    public Stats setPeriod(String period) { this.period = period; return this; }
}
