package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlTransient;
import jakarta.xml.bind.annotation.XmlValue;
import java.util.List;

/** Base of elements whose content is text (for example {@code <name>}, {@code <serial>}, {@code <memory>}). */
@XmlTransient
public abstract class TextNode extends XmlNode {
    @XmlValue
    private String value;

    protected TextNode() {
    }

    protected TextNode(String value) {
        this.value = value;
    }

    /** The element's text exactly as read (not trimmed). */
    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    @Override
    protected List<Object> children() {
        return List.of();
    }

    @Override
    public String toString() {
        return value;
    }
}
