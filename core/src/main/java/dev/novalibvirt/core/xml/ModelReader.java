package dev.novalibvirt.core.xml;

import dev.novalibvirt.core.xml.domain.OtherElement;
import dev.novalibvirt.core.xml.domain.XmlNode;
import java.io.StringReader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a model document straight from a StAX reader into the model, the fast path of {@link XmlCodec#parse}:
 * JAXB's unmarshaller behind a SAX filter cost four times the tokenizing. It gives the very model JAXB plus
 * {@link UnknownElements} give (unknown elements as {@link OtherElement}s in place, unknown attributes in the
 * bean's map, the root's namespace declarations and the prefixes the document used). Whatever it does not mirror
 * exactly (a DOCTYPE, a wrong root, text where the model has none, anything not well-formed) makes it throw
 * {@link ModelBinding.Unsupported}, and the caller reads the document again through JAXB, which also words the
 * error. DTDs and external entities are off, and a DOCTYPE never gets past the first event.
 */
final class ModelReader {
    private static final XMLInputFactory FACTORY = factory();

    private final Map<String, String> prefixes = new HashMap<>();
    private final Map<String, String> rootDeclarations = new LinkedHashMap<>();

    private ModelReader() {
    }

    /** Parses {@code xml} whose root must be {@code <rootName>} (no namespace) into {@code type}. */
    static <T> T parse(String xml, String rootName, Class<T> type) {
        ModelBinding binding = ModelBinding.of(type);
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new StringReader(xml));
            int event = r.getEventType();
            while (event != XMLStreamConstants.START_ELEMENT) {
                if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new ModelBinding.Unsupported("DOCTYPE");
                }
                event = r.next();
            }
            if (!rootName.equals(r.getLocalName()) || !empty(r.getNamespaceURI())) {
                throw new ModelBinding.Unsupported("root");
            }
            ModelReader reader = new ModelReader();
            for (int i = 0; i < r.getNamespaceCount(); i++) {
                reader.rootDeclarations.put(nonNull(r.getNamespacePrefix(i)), nonNull(r.getNamespaceURI(i)));
            }
            Object model = reader.bean(binding, r);
            while (r.hasNext()) {
                event = r.next(); // to the end: what follows the root must be well-formed too
                if (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.CHARACTERS
                        && !r.isWhiteSpace()) {
                    throw new ModelBinding.Unsupported("content after the root");
                }
            }
            if (model instanceof XmlNode node) {
                node.getNamespaceDeclarations().putAll(reader.rootDeclarations);
                node.getPreferredPrefixes().putAll(reader.prefixes);
            }
            return type.cast(model);
        } catch (XMLStreamException | RuntimeException e) {
            throw e instanceof ModelBinding.Unsupported u ? u : new ModelBinding.Unsupported(e.toString());
        } finally {
            close(r);
        }
    }

    /** One model element, the reader on its start tag; returns with the reader on its end tag. */
    private Object bean(ModelBinding b, XMLStreamReader r) throws XMLStreamException {
        Object bean = b.newInstance();
        Map<QName, String> others = null;
        for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
            String ns = r.getAttributeNamespace(i);
            String local = r.getAttributeLocalName(i);
            if (empty(ns)) {
                java.lang.reflect.Field f = b.attribute(local);
                if (f != null) {
                    ModelBinding.set(f, bean, r.getAttributeValue(i));
                    continue;
                }
            }
            if (others == null) {
                others = ((XmlNode) bean).getOtherAttributes();
            }
            others.put(empty(ns) ? new QName(local) : new QName(ns, local, nonNull(r.getAttributePrefix(i))),
                    r.getAttributeValue(i));
        }
        @SuppressWarnings("unchecked")
        List<Object> content = b.content == null ? null : (List<Object>) ModelBinding.get(b.content, bean);
        String text = null;
        while (true) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (content == null) {
                        throw new ModelBinding.Unsupported("child element in text-only " + b.type.getName());
                    }
                    ModelBinding known = empty(r.getNamespaceURI()) ? b.child(r.getLocalName()) : null;
                    content.add(known != null ? bean(known, r) : other(r));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (b.value != null) {
                        if (text == null) {
                            text = r.getText(); // usually the only piece
                        } else {
                            text = text + r.getText();
                        }
                    } else if (!r.isWhiteSpace()) {
                        throw new ModelBinding.Unsupported("text in " + b.type.getName());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (b.value != null) {
                        ModelBinding.set(b.value, bean, text == null ? "" : text);
                    }
                    return bean;
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    // not kept (as with JAXB)
                }
                default -> throw new ModelBinding.Unsupported("event " + r.getEventType());
            }
        }
    }

    /** An element the model does not know, with everything below it; as {@link UnknownElements} builds it. */
    private OtherElement other(XMLStreamReader r) throws XMLStreamException {
        for (int i = 0; i < r.getNamespaceCount(); i++) {
            String prefix = r.getNamespacePrefix(i);
            if (!empty(prefix)) {
                prefixes.putIfAbsent(nonNull(r.getNamespaceURI(i)), prefix);
            }
        }
        OtherElement e = new OtherElement(qname(r.getNamespaceURI(), r.getLocalName(), r.getPrefix()));
        Map<QName, String> attrs = e.getAttributes();
        for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
            attrs.put(qname(r.getAttributeNamespace(i), r.getAttributeLocalName(i), r.getAttributePrefix(i)),
                    r.getAttributeValue(i));
        }
        List<Object> content = e.getContent();
        boolean children = false;
        while (true) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    content.add(other(r));
                    children = true;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    int last = content.size() - 1;
                    String t = r.getText();
                    if (last >= 0 && content.get(last) instanceof String s) {
                        content.set(last, s + t); // one text, however the parser splits it
                    } else {
                        content.add(t);
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (children) {
                        // whitespace between child elements is indentation; the writer re-indents
                        content.removeIf(o -> o instanceof String t && t.isBlank());
                    }
                    return e;
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    // not kept
                }
                default -> throw new ModelBinding.Unsupported("event " + r.getEventType());
            }
        }
    }

    private QName qname(String ns, String local, String prefix) {
        if (empty(ns)) {
            return new QName(local);
        }
        String p = nonNull(prefix);
        if (!p.isEmpty()) {
            prefixes.putIfAbsent(ns, p);
        }
        return new QName(ns, local, p);
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException e) {
                // nothing to release for a string
            }
        }
    }

    /** Woodstox when present (the faster tokenizer), else the JDK's; no DTDs, no external entities. */
    private static XMLInputFactory factory() {
        XMLInputFactory f;
        try {
            f = (XMLInputFactory) Class.forName("com.ctc.wstx.stax.WstxInputFactory").getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            f = XMLInputFactory.newDefaultFactory();
        }
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }
}
