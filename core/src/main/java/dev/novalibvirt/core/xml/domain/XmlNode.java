package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlTransient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * Base of every libvirt XML element class: keeps what the model does not know so a round trip loses nothing.
 *
 * <p>Attributes the class does not map land in {@link #getOtherAttributes()}. Child elements live in ONE ordered
 * list per element ({@link #children()}): typed children (JAXB objects) and unknown children
 * ({@link OtherElement}s) side by side, in document order. That is why an unknown element between two known ones is
 * written back exactly where it was, and why typed setters replace a child in place. A child that is not there
 * yet is inserted at the position libvirt's own formatter would give it ({@link #childOrder()}).
 */
@XmlTransient
@XmlAccessorType(XmlAccessType.FIELD)
public abstract class XmlNode {

    private static final ClassValue<String> ELEMENT_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            XmlRootElement root = type.getAnnotation(XmlRootElement.class);
            return root == null ? null : root.name();
        }
    };

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes;

    /** Namespace declarations (prefix to URI) read on this element when it was a document root. */
    @XmlTransient
    private Map<String, String> namespaceDeclarations;

    /** Namespace URI to the prefix the parsed document used for it (root only). */
    @XmlTransient
    private Map<String, String> preferredPrefixes;

    /**
     * The live, ordered child list: typed children and {@link OtherElement}s for unknown ones. Text-only elements
     * return an immutable empty list.
     */
    protected abstract List<Object> children();

    /** Element names in the order libvirt formats them; used to place a child that is added. Empty: append. */
    protected List<String> childOrder() {
        return List.of();
    }

    /** Namespace URI to prefix as the parsed document used them; the writer prefers these (live, modifiable). */
    public Map<String, String> getPreferredPrefixes() {
        if (preferredPrefixes == null) {
            preferredPrefixes = new LinkedHashMap<>();
        }
        return preferredPrefixes;
    }

    /**
     * Every child element in document order: typed children and {@link OtherElement}s for unknown ones (the live
     * list; text-only elements return an empty immutable list). For lossless tools; typed accessors are simpler.
     */
    public final List<Object> getChildren() {
        return children();
    }

    /** Attributes this class does not map, kept for the round trip (live, modifiable). */
    public Map<QName, String> getOtherAttributes() {
        if (otherAttributes == null) {
            otherAttributes = new LinkedHashMap<>();
        }
        return otherAttributes;
    }

    /**
     * Namespace declarations (prefix to URI) of the document root this element was parsed from, written back on
     * the root (for example {@code xmlns:qemu} for {@code <qemu:commandline>}); live and modifiable.
     */
    public Map<String, String> getNamespaceDeclarations() {
        if (namespaceDeclarations == null) {
            namespaceDeclarations = new LinkedHashMap<>();
        }
        return namespaceDeclarations;
    }

    /** An attribute the class does not map, by local name (no namespace). */
    public Optional<String> otherAttribute(String localName) {
        return otherAttributes == null ? Optional.empty()
                : Optional.ofNullable(otherAttributes.get(new QName(localName)));
    }

    /** Child elements this class does not map, in document order (read-only view of a snapshot). */
    public List<OtherElement> getOtherElements() {
        List<OtherElement> out = new ArrayList<>();
        for (Object child : children()) {
            if (child instanceof OtherElement e) {
                out.add(e);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The first unknown child element with this local name. */
    public Optional<OtherElement> otherElement(String localName) {
        for (Object child : children()) {
            if (child instanceof OtherElement e && localName.equals(e.getLocalName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Adds an element the model does not know, after the last child of the same name or at the end. */
    public void addOtherElement(OtherElement element) {
        addChild(element);
    }

    /**
     * Moves every child of {@code from} whose element name is not in {@code keep} into this node: the children of
     * that name here are replaced (at the first one's position), or, when there are none, the new ones go where
     * libvirt formats them. Children of names {@code from} does not have stay as they are. {@code from} is emptied
     * of what moved; pass a copy. This is the element merge of Nova's {@code _update_volume_xml}.
     */
    public final void mergeChildrenFrom(XmlNode from, java.util.Set<String> keep) {
        java.util.Map<String, List<Object>> incoming = new LinkedHashMap<>();
        for (Object child : from.children()) {
            String name = elementName(child);
            if (name != null && !keep.contains(name)) {
                incoming.computeIfAbsent(name, k -> new ArrayList<>()).add(child);
            }
        }
        List<Object> children = children();
        for (java.util.Map.Entry<String, List<Object>> e : incoming.entrySet()) {
            from.children().removeAll(e.getValue());
            int first = -1;
            for (int i = 0; i < children.size(); i++) {
                if (e.getKey().equals(elementName(children.get(i)))) {
                    if (first < 0) {
                        first = i;
                    }
                    children.remove(i--);
                }
            }
            if (first >= 0) {
                children.addAll(first, e.getValue());
            } else {
                e.getValue().forEach(this::insert);
            }
        }
    }

    /** The element name of a typed child, an {@link OtherElement} or a DOM element a caller put in. */
    static String elementName(Object child) {
        if (child instanceof OtherElement o) {
            return o.getLocalName();
        }
        if (child instanceof Element e) {
            return localName(e);
        }
        return ELEMENT_NAMES.get(child.getClass());
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    protected final <T> T child(Class<T> type) {
        for (Object child : children()) {
            if (type.isInstance(child)) {
                return type.cast(child);
            }
        }
        return null;
    }

    protected final <T> List<T> childList(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Object child : children()) {
            if (type.isInstance(child)) {
                out.add(type.cast(child));
            }
        }
        return out;
    }

    /** Replaces the first child of this type in place (removing further ones); null removes; absent inserts. */
    protected final <T> void setChild(Class<T> type, T value) {
        List<Object> children = children();
        int first = -1;
        for (int i = 0; i < children.size(); i++) {
            if (type.isInstance(children.get(i))) {
                if (first < 0) {
                    first = i;
                } else {
                    children.remove(i--);
                }
            }
        }
        if (value == null) {
            if (first >= 0) {
                children.remove(first);
            }
        } else if (first >= 0) {
            children.set(first, value);
        } else {
            insert(value);
        }
    }

    /**
     * Replaces all children of this type by {@code values}, at the position of the first old one (or where libvirt
     * would put them), keeping every other child where it is.
     */
    protected final <T> void setChildList(Class<T> type, List<? extends T> values) {
        List<Object> children = children();
        int first = -1;
        for (int i = 0; i < children.size(); i++) {
            if (type.isInstance(children.get(i))) {
                if (first < 0) {
                    first = i;
                }
                children.remove(i--);
            }
        }
        if (values.isEmpty()) {
            return;
        }
        if (first >= 0) {
            children.addAll(first, values);
        } else {
            for (T value : values) {
                insert(value);
            }
        }
    }

    /** Adds a child after the last one of the same element name, or at libvirt's position for it. */
    protected final void addChild(Object value) {
        List<Object> children = children();
        String name = elementName(value);
        for (int i = children.size() - 1; i >= 0; i--) {
            if (name != null && name.equals(elementName(children.get(i)))) {
                children.add(i + 1, value);
                return;
            }
        }
        insert(value);
    }

    private void insert(Object value) {
        List<Object> children = children();
        List<String> order = childOrder();
        int rank = order.indexOf(elementName(value));
        if (rank < 0) {
            children.add(value);
            return;
        }
        // Before the first known child that libvirt formats later; unknown children are not anchors.
        for (int i = 0; i < children.size(); i++) {
            int other = order.indexOf(elementName(children.get(i)));
            if (other > rank) {
                children.add(i, value);
                return;
            }
        }
        children.add(value);
    }

    /** Parses an optional integer attribute or text kept as libvirt wrote it (decimal or 0x hex). */
    protected static Integer toInt(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim();
        return s.startsWith("0x") || s.startsWith("0X") ? Integer.valueOf(s.substring(2), 16) : Integer.valueOf(s);
    }

    protected static Long toLong(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return Long.valueOf(raw.trim());
    }

    protected static String str(Object value) {
        return value == null ? null : value.toString();
    }

    /** libvirt's yes/no attributes. */
    protected static Boolean yesNo(String raw) {
        if (raw == null) {
            return null;
        }
        return "yes".equals(raw) || "on".equals(raw);
    }

    protected static String yesNo(Boolean value) {
        return value == null ? null : value ? "yes" : "no";
    }
}
