package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** libvirt's {@code <memballoon model/>} with its optional {@code <stats period/>}. */
@XmlRootElement(name = "memballoon")
public class MemBalloon extends XmlNode {
    @XmlAttribute private String model;
    @XmlAttribute private String autodeflate;
    @XmlAttribute private String freePageReporting;

    @XmlElementRefs({
        @XmlElementRef(type = Stats.class),
        @XmlElementRef(type = Alias.class),
        @XmlElementRef(type = Address.class)
    })
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    public MemBalloon() {
    }

    @Override
    protected List<Object> children() { return content; }

    public String getModel() { return model; }
    public MemBalloon setModel(String model) { this.model = model; return this; }

    public String getAutodeflate() { return autodeflate; }
    public MemBalloon setAutodeflate(String autodeflate) { this.autodeflate = autodeflate; return this; }

    public String getFreePageReporting() { return freePageReporting; }
    public MemBalloon setFreePageReporting(String freePageReporting) { this.freePageReporting = freePageReporting; return this; }

    public String getAlias() { Alias a = child(Alias.class); return a == null ? null : a.getName(); }
    public MemBalloon setAlias(String alias) { setChild(Alias.class, alias == null ? null : new Alias(alias)); return this; }
    public Address getAddress() { return child(Address.class); }
    public MemBalloon setAddress(Address address) { setChild(Address.class, address); return this; }

    public Integer getStatsPeriod() { Stats st = child(Stats.class); return st == null ? null : toInt(st.getPeriod()); }
    public MemBalloon setStatsPeriod(Integer period) {
        setChild(Stats.class, period == null ? null : new Stats().setPeriod(period.toString()));
        return this;
    }

    @Override
    protected List<String> childOrder() { return List.of("alias", "address", "stats", "driver"); }
}
