package dev.novalibvirt.core.xml;

import dev.novalibvirt.core.xml.domain.OtherElement;
import dev.novalibvirt.core.xml.domain.TextNode;
import dev.novalibvirt.core.xml.domain.XmlNode;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Takes the elements the model does not know out of the SAX stream before JAXB sees them, as
 * {@link OtherElement}s with their position, and puts them back into the parsed model afterwards.
 *
 * <p>Why: JAXB's own {@code @XmlAnyElement} capture builds a new TransformerFactory and a new DocumentBuilder for
 * EVERY unknown element (about a millisecond each), which made a real domain XML with a handful of unknown
 * elements 20 times slower to parse than DOM. Here they are built straight from the SAX events; JAXB only writes
 * them (natively, as JAXB elements).
 */
final class UnknownElements extends XMLFilterImpl {

    /** What a model class needs per start tag, looked up once per element (one ClassValue, not two). */
    private record Kind(Map<String, Class<?>> known, boolean keepsUnknown) {
    }

    /** Per model class: child element name to model class (from its {@code @XmlElementRef}s), keeps unknown. */
    private static final ClassValue<Kind> KINDS = new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> type) {
            Map<String, Class<?>> out = new HashMap<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    XmlElementRefs refs = f.getAnnotation(XmlElementRefs.class);
                    if (refs != null) {
                        for (XmlElementRef ref : refs.value()) {
                            add(out, ref.type());
                        }
                    }
                    XmlElementRef ref = f.getAnnotation(XmlElementRef.class);
                    if (ref != null) {
                        add(out, ref.type());
                    }
                }
            }
            return new Kind(out, keepsUnknown(type));
        }

        private void add(Map<String, Class<?>> out, Class<?> child) {
            XmlRootElement root = child.getAnnotation(XmlRootElement.class);
            if (root != null) {
                out.put(root.name(), child);
            }
        }
    };

    /** One open model element: its class (null: not a model element), where it sits, children seen so far. */
    private static final class Frame {
        final Frame parent;
        final int index;
        final Map<String, Class<?>> known;
        final boolean keepsUnknown;
        int children;

        Frame(Frame parent, int index, Class<?> type) {
            this.parent = parent;
            this.index = index;
            if (type == null) {
                this.known = Map.of();
                this.keepsUnknown = false;
            } else {
                Kind kind = KINDS.get(type);
                this.known = kind.known();
                this.keepsUnknown = kind.keepsUnknown();
            }
        }

        /** Child ordinals from the root down to this element's child number {@code child}. */
        int[] pathTo(int child) {
            int depth = 0;
            for (Frame f = this; f.parent != null; f = f.parent) {
                depth++;
            }
            int[] path = new int[depth + 1];
            path[depth] = child;
            int i = depth - 1;
            for (Frame f = this; f.parent != null; f = f.parent) {
                path[i--] = f.index;
            }
            return path;
        }
    }

    private record Captured(int[] path, OtherElement element) {
    }

    private final Class<?> rootType;
    private final String rootName;
    private final Deque<Frame> open = new ArrayDeque<>();
    private final List<Captured> captured = new ArrayList<>();
    private final Map<String, String> prefixes = new HashMap<>();
    private final Map<String, String> rootDeclarations = new LinkedHashMap<>();

    /** Prefix mappings announced for the next start tag, not yet passed on. */
    private final List<String[]> pendingMappings = new ArrayList<>();
    /** Per open element (model or captured): were its prefix mappings passed on to JAXB. */
    private final Deque<Boolean> mappingsForwarded = new ArrayDeque<>();
    private boolean lastEndedForwarded = true;
    /** The captured subtree being read (innermost last); empty when passing events through. */
    private final Deque<OtherElement> capturing = new ArrayDeque<>();

    /**
     * A filter in front of {@code parent} for a document whose root must be {@code <rootName>}, mapping to
     * {@code rootType}.
     */
    UnknownElements(XMLReader parent, Class<?> rootType, String rootName) {
        super(parent);
        this.rootType = rootType;
        this.rootName = rootName;
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) {
        pendingMappings.add(new String[] {prefix, uri});
    }

    @Override
    public void endPrefixMapping(String prefix) throws SAXException {
        if (lastEndedForwarded) {
            super.endPrefixMapping(prefix);
        }
    }

    @Override
    public void startElement(String uri, String local, String qName, Attributes atts) throws SAXException {
        if (!capturing.isEmpty()) {
            recordMappings();
            OtherElement e = element(uri, local, qName, atts);
            capturing.peek().addChild(e);
            capturing.push(e);
            mappingsForwarded.push(false);
            return;
        }
        Frame parent = open.peek();
        if (parent == null) {
            if (!rootName.equals(local) || (uri != null && !uri.isEmpty())) {
                throw new Refused("expected root element <" + rootName + "> but found <" + qName + ">");
            }
            for (String[] m : pendingMappings) {
                rootDeclarations.put(m[0], m[1]);
            }
            forward(uri, local, qName, atts, new Frame(null, 0, rootType));
            return;
        }
        Class<?> known = uri == null || uri.isEmpty() ? parent.known.get(local) : null;
        int index = parent.children++;
        if (known == null && parent.keepsUnknown) {
            recordMappings();
            OtherElement e = element(uri, local, qName, atts);
            captured.add(new Captured(parent.pathTo(index), e));
            capturing.push(e);
            mappingsForwarded.push(false);
            return;
        }
        forward(uri, local, qName, atts, new Frame(parent, index, known));
    }

    private void forward(String uri, String local, String qName, Attributes atts, Frame frame) throws SAXException {
        for (String[] m : pendingMappings) {
            super.startPrefixMapping(m[0], m[1]);
        }
        pendingMappings.clear();
        open.push(frame);
        mappingsForwarded.push(true);
        super.startElement(uri, local, qName, atts);
    }

    private void recordMappings() {
        for (String[] m : pendingMappings) {
            if (!m[0].isEmpty()) {
                prefixes.putIfAbsent(m[1], m[0]);
            }
        }
        pendingMappings.clear();
    }

    @Override
    public void endElement(String uri, String local, String qName) throws SAXException {
        lastEndedForwarded = mappingsForwarded.pop();
        if (!capturing.isEmpty()) {
            dropIndentation(capturing.pop());
            return;
        }
        open.pop();
        super.endElement(uri, local, qName);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (capturing.isEmpty()) {
            super.characters(ch, start, length);
        } else {
            List<Object> content = capturing.peek().getContent();
            // Blank text after a child element is indentation that dropIndentation would remove anyway.
            if (content.isEmpty() || !(content.get(content.size() - 1) instanceof OtherElement)
                    || !isBlank(ch, start, length)) {
                content.add(new String(ch, start, length));
            }
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        if (capturing.isEmpty()) {
            super.ignorableWhitespace(ch, start, length);
        }
    }

    private static boolean isBlank(char[] ch, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (!Character.isWhitespace(ch[i])) {
                return false;
            }
        }
        return true;
    }

    /** Model elements keep unknown children; text-only elements do not have any (JAXB reports them). */
    private static boolean keepsUnknown(Class<?> parent) {
        return parent != null && XmlNode.class.isAssignableFrom(parent) && !TextNode.class.isAssignableFrom(parent);
    }

    /** Whitespace-only text between child elements is indentation, not content (the writer re-indents). */
    private static void dropIndentation(OtherElement e) {
        List<Object> content = e.getContent();
        boolean hasChildren = false;
        for (Object o : content) {
            if (o instanceof OtherElement) {
                hasChildren = true;
                break;
            }
        }
        if (hasChildren) {
            content.removeIf(o -> o instanceof String t && t.isBlank());
        } else if (content.size() > 1) {
            // SAX may split text; keep it as one string.
            StringBuilder sb = new StringBuilder();
            content.forEach(sb::append);
            content.clear();
            content.add(sb.toString());
        }
    }

    private OtherElement element(String uri, String local, String qName, Attributes atts) {
        OtherElement e = new OtherElement(qname(uri, local, qName));
        Map<QName, String> attrs = e.getAttributes();
        for (int i = 0; i < atts.getLength(); i++) {
            attrs.put(qname(atts.getURI(i), atts.getLocalName(i), atts.getQName(i)), atts.getValue(i));
        }
        return e;
    }

    private QName qname(String ns, String local, String qName) {
        if (ns == null || ns.isEmpty()) {
            return new QName(local);
        }
        int colon = qName.indexOf(':');
        String prefix = colon > 0 ? qName.substring(0, colon) : "";
        if (!prefix.isEmpty()) {
            prefixes.putIfAbsent(ns, prefix);
        }
        return new QName(ns, local, prefix);
    }

    /** Namespace URI to the prefix the document used for it, for writing the same prefixes back. */
    Map<String, String> prefixes() {
        return prefixes;
    }

    /** The root element's namespace declarations (prefix to URI). */
    Map<String, String> rootDeclarations() {
        return rootDeclarations;
    }

    /** Input refused before JAXB sees it: wrong root element, a DOCTYPE. */
    static final class Refused extends SAXException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** Puts every captured element back at its position, in document order, into the parsed model. */
    void restoreInto(Object root) {
        for (Captured c : captured) {
            Object node = root;
            for (int i = 0; i < c.path.length - 1; i++) {
                node = ((XmlNode) node).getChildren().get(c.path[i]);
            }
            List<Object> siblings = ((XmlNode) node).getChildren();
            siblings.add(Math.min(c.path[c.path.length - 1], siblings.size()), c.element);
        }
    }
}
