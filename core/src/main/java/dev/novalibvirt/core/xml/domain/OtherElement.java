package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlMixed;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * An element the model does not know (a newer libvirt's addition, {@code <metadata>} content, {@code <seclabel>},
 * ...), kept with its name, attributes, text and children so it is written back unchanged, in place.
 *
 * <p>A light {@link JAXBElement} rather than a DOM element: JAXB writes it natively, where DOM elements go through
 * an XSLT identity transform each (and were an order of magnitude slower to read and write).
 */
public final class OtherElement extends JAXBElement<OtherElement.Content> {
    private static final long serialVersionUID = 1L;

    public OtherElement(QName name) {
        super(name, Content.class, new Content());
    }

    /** An element without namespace. */
    public OtherElement(String localName) {
        this(new QName(localName));
    }

    public String getLocalName() {
        return getName().getLocalPart();
    }

    /** The namespace URI, empty for libvirt's own elements. */
    public String getNamespaceUri() {
        return getName().getNamespaceURI();
    }

    /** Attributes (live, modifiable). */
    public Map<QName, String> getAttributes() {
        return getValue().attributes;
    }

    public String getAttribute(String localName) {
        return getValue().attributes.get(new QName(localName));
    }

    public OtherElement setAttribute(String localName, String value) {
        if (value == null) {
            getValue().attributes.remove(new QName(localName));
        } else {
            getValue().attributes.put(new QName(localName), value);
        }
        return this;
    }

    /** Content in order: {@link String} text and {@link OtherElement} children (live, modifiable). */
    public List<Object> getContent() {
        return getValue().content;
    }

    /** Child elements in order. */
    public List<OtherElement> getChildren() {
        List<OtherElement> out = new ArrayList<>();
        for (Object o : getValue().content) {
            if (o instanceof OtherElement e) {
                out.add(e);
            }
        }
        return out;
    }

    public Optional<OtherElement> child(String localName) {
        return getChildren().stream().filter(e -> localName.equals(e.getLocalName())).findFirst();
    }

    /** The element's own text (its text content, not that of children), trimmed. */
    public String getText() {
        StringBuilder sb = new StringBuilder();
        for (Object o : getValue().content) {
            if (o instanceof String s) {
                sb.append(s);
            }
        }
        return sb.toString().trim();
    }

    /** Replaces the element's content by this text. */
    public OtherElement setText(String text) {
        getValue().content.clear();
        if (text != null) {
            getValue().content.add(text);
        }
        return this;
    }

    public OtherElement addChild(OtherElement child) {
        getValue().content.add(child);
        return this;
    }

    @Override
    public String toString() {
        return "<" + getName() + " " + getValue().attributes + ">";
    }

    /** What JAXB reads and writes of an {@link OtherElement}: any attributes and mixed content. */
    @XmlType(name = "otherElementContent")
    @XmlAccessorType(XmlAccessType.FIELD)
    public static final class Content {
        @XmlAnyAttribute
        private final Map<QName, String> attributes = new LinkedHashMap<>();

        @XmlMixed
        @XmlAnyElement(lax = true)
        private final List<Object> content = new ArrayList<>();
    }
}
