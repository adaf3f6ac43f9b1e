package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** A domain's {@code <clock offset>} with its {@code <timer name tickpolicy present/>} children. */
@XmlRootElement(name = "clock")
public class Clock extends XmlNode {
    @XmlAttribute private String offset;
    @XmlAttribute private String timezone;
    @XmlAttribute private String adjustment;
    @XmlAttribute private String basis;

    @XmlElementRefs({@XmlElementRef(type = Clock.Timer.class)})
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    public Clock() {
    }

    public Clock(String offset) {
        this.offset = offset;
    }

    @Override
    protected List<Object> children() { return content; }

    public String getOffset() { return offset; }
    public Clock setOffset(String offset) { this.offset = offset; return this; }
    public String getTimezone() { return timezone; }
    public Clock setTimezone(String timezone) { this.timezone = timezone; return this; }
    public String getAdjustment() { return adjustment; }
    public Clock setAdjustment(String adjustment) { this.adjustment = adjustment; return this; }
    public String getBasis() { return basis; }
    public Clock setBasis(String basis) { this.basis = basis; return this; }
    public List<Timer> getTimers() { return childList(Timer.class); }
    public Clock addTimer(Timer timer) { addChild(timer); return this; }

    /** {@code <timer name tickpolicy present track frequency mode/>}. */
    @XmlRootElement(name = "timer")
    public static class Timer extends XmlNode {
        @XmlAttribute private String name;
        @XmlAttribute private String tickpolicy;
        @XmlAttribute private String present;
        @XmlAttribute private String track;
        @XmlAttribute private String frequency;
        @XmlAttribute private String mode;
        @XmlAnyElement private List<Object> content = new ArrayList<>();

        public Timer() {
        }

        public Timer(String name, String tickpolicy, Boolean present) {
            this.name = name;
            this.tickpolicy = tickpolicy;
            this.present = yesNo(present);
        }

        @Override
        protected List<Object> children() { return content; }

        public String getName() { return name; }
        public Timer setName(String name) { this.name = name; return this; }
        public String getTickpolicy() { return tickpolicy; }
        public Timer setTickpolicy(String tickpolicy) { this.tickpolicy = tickpolicy; return this; }
        public Boolean getPresent() { return yesNo(present); }
        public Timer setPresent(Boolean present) { this.present = yesNo(present); return this; }
        public String getTrack() { return track; }
        public Timer setTrack(String track) { this.track = track; return this; }
        public String getFrequency() { return frequency; }
        public Timer setFrequency(String frequency) { this.frequency = frequency; return this; }
        public String getMode() { return mode; }
        public Timer setMode(String mode) { this.mode = mode; return this; }
    }
}
