package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/**
 * A domain's {@code <features>} ({@code <acpi/>}, {@code <apic/>}, {@code <pae/>}, {@code <vmport state/>},
 * hyperv, kvm, ...). Each feature has its own small schema, so they are kept as elements in order and addressed by
 * name.
 */
@XmlRootElement(name = "features")
public class Features extends XmlNode {
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    @Override
    protected List<Object> children() { return content; }

    /** Feature element names in order. */
    public List<String> names() {
        return content.stream().map(XmlNode::elementName).toList();
    }

    public boolean has(String name) {
        return otherElement(name).isPresent();
    }

    /** Adds an empty feature element (e.g. {@code acpi}) unless present. */
    public Features add(String name) {
        if (!has(name)) {
            content.add(new OtherElement(name));
        }
        return this;
    }

    public Features remove(String name) {
        content.removeIf(o -> name.equals(elementName(o)));
        return this;
    }

    public static Features of(String... names) {
        Features f = new Features();
        for (String n : names) {
            f.add(n);
        }
        return f;
    }
}
