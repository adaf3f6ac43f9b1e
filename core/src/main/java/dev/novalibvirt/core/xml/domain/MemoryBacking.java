package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/**
 * A domain's {@code <memoryBacking>}: {@code <source type>} (file, anonymous, memfd) and {@code <access mode>}
 * (shared, private) typed; hugepages, nosharepages, locked, allocation, discard kept as elements and tested by
 * name ({@link #has}).
 */
@XmlRootElement(name = "memoryBacking")
public class MemoryBacking extends XmlNode {
    private static final List<String> ORDER =
            List.of("hugepages", "nosharepages", "locked", "source", "access", "allocation", "discard");

    @XmlElementRefs({
        @XmlElementRef(type = MemoryBacking.Source.class),
        @XmlElementRef(type = MemoryBacking.Access.class)
    })
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    @Override
    protected List<Object> children() { return content; }

    @Override
    protected List<String> childOrder() { return ORDER; }

    public boolean has(String element) {
        return otherElement(element).isPresent() || children().stream().anyMatch(c -> element.equals(elementName(c)));
    }

    public String getSourceType() { Source s = child(Source.class); return s == null ? null : s.type; }

    public MemoryBacking setSourceType(String type) {
        Source s = null;
        if (type != null) {
            s = new Source();
            s.type = type;
        }
        setChild(Source.class, s);
        return this;
    }

    public String getAccessMode() { Access a = child(Access.class); return a == null ? null : a.mode; }

    public MemoryBacking setAccessMode(String mode) {
        Access a = null;
        if (mode != null) {
            a = new Access();
            a.mode = mode;
        }
        setChild(Access.class, a);
        return this;
    }

    /** {@code <source type/>}. */
    @XmlRootElement(name = "source")
    public static class Source extends XmlNode {
        @XmlAttribute private String type;
        @XmlAnyElement private List<Object> content = new ArrayList<>();

        @Override
        protected List<Object> children() { return content; }
    }

    /** {@code <access mode/>}. */
    @XmlRootElement(name = "access")
    public static class Access extends XmlNode {
        @XmlAttribute private String mode;
        @XmlAnyElement private List<Object> content = new ArrayList<>();

        @Override
        protected List<Object> children() { return content; }
    }
}
