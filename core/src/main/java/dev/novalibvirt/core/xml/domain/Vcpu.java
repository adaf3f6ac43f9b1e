package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/** {@code <vcpu placement cpuset current>N</vcpu>}: the maximum vCPU count (current may be lower). */
@XmlRootElement(name = "vcpu")
public class Vcpu extends TextNode {
    @XmlAttribute private String placement;
    @XmlAttribute private String cpuset;
    @XmlAttribute private String current;

    public Vcpu() {
    }

    public Vcpu(int count) {
        super(Integer.toString(count));
    }

    public int getCount() { return Integer.parseInt(getValue().trim()); }
    public String getPlacement() { return placement; }
    public Vcpu setPlacement(String placement) { this.placement = placement; return this; }
    public String getCpuset() { return cpuset; }
    public Vcpu setCpuset(String cpuset) { this.cpuset = cpuset; return this; }
    public Integer getCurrent() { return toInt(current); }
    public Vcpu setCurrent(Integer current) { this.current = str(current); return this; }
}
