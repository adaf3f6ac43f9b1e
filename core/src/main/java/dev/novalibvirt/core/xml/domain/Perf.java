package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** A domain's {@code <perf>} with {@code <event name enabled/>} children (Nova's {@code LibvirtConfigGuestPerf}). */
@XmlRootElement(name = "perf")
public class Perf extends XmlNode {
    @XmlElementRefs({@XmlElementRef(type = Perf.Event.class)})
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    @Override
    protected List<Object> children() { return content; }

    public List<Event> getEvents() { return childList(Event.class); }
    public Perf addEvent(String name, boolean enabled) { addChild(new Event(name, enabled)); return this; }

    /** {@code <event name enabled/>}. */
    @XmlRootElement(name = "event")
    public static class Event extends XmlNode {
        @XmlAttribute private String name;
        @XmlAttribute private String enabled;
        @XmlAnyElement private List<Object> content = new ArrayList<>();

        public Event() {
        }

        public Event(String name, boolean enabled) {
            this.name = name;
            this.enabled = yesNo(enabled);
        }

        @Override
        protected List<Object> children() { return content; }

        public String getName() { return name; }
        public Boolean getEnabled() { return yesNo(enabled); }
    }
}
