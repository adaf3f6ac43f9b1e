package dev.novalibvirt.core.xml;

import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.Graphics;
import dev.novalibvirt.core.xml.domain.Interface;
import dev.novalibvirt.core.xml.domain.Lease;
import dev.novalibvirt.core.xml.secret.Secret;
import dev.novalibvirt.core.xml.domain.XmlNode;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import java.io.StringWriter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.glassfish.jaxb.runtime.marshaller.NamespacePrefixMapper;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The one JAXBContext of the XML model and per-thread (un)marshallers. JAXBContext is thread-safe and costly to
 * build, so it is built once; Marshaller and Unmarshaller are not thread-safe but cheap to keep per thread.
 * Input goes through StAX with DTDs and external entities off (libvirt XML has neither).
 */
final class XmlCodec {
    private static final String PREFIX_MAPPER = "org.glassfish.jaxb.namespacePrefixMapper";
    private static final NamespacePrefixMapper NO_DECLARATIONS = new RootDeclarations(Map.of());

    private static final JAXBContext CONTEXT;

    static {
        try {
            CONTEXT = JAXBContext.newInstance(Domain.class, Secret.class, Disk.class, Interface.class,
                    Graphics.class, Lease.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final ThreadLocal<XMLInputFactory> INPUT = ThreadLocal.withInitial(() -> {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    });

    private static final ThreadLocal<Unmarshaller> UNMARSHALLER = ThreadLocal.withInitial(() -> {
        try {
            Unmarshaller u = CONTEXT.createUnmarshaller();
            // Fail instead of silently skipping content JAXB could not bind.
            u.setEventHandler(event -> event.getSeverity() == ValidationEvent.WARNING);
            return u;
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    });

    private static final ThreadLocal<Marshaller> MARSHALLER = ThreadLocal.withInitial(() -> {
        try {
            Marshaller m = CONTEXT.createMarshaller();
            m.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            // libvirt writes no XML declaration and indents by two spaces.
            m.setProperty(Marshaller.JAXB_FRAGMENT, true);
            m.setProperty("org.glassfish.jaxb.indentString", "  ");
            return m;
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    });

    private XmlCodec() {
    }

    /** Parses {@code xml} whose root must be {@code <rootName>} into {@code type}. */
    static <T> T parse(String xml, String rootName, Class<T> type, String what) {
        if (xml == null || xml.isBlank()) {
            throw new DomainXmlException(what + " XML is empty");
        }
        XMLStreamReader reader = null;
        try {
            reader = INPUT.get().createXMLStreamReader(new StringReader(xml));
            while (reader.hasNext() && reader.next() != XMLStreamConstants.START_ELEMENT) {
                // skip prolog, comments, processing instructions
            }
            if (!reader.isStartElement()) {
                throw new DomainXmlException(what + " XML has no root element");
            }
            String root = reader.getLocalName();
            String ns = reader.getNamespaceURI();
            if (!rootName.equals(root) || (ns != null && !ns.isEmpty())) {
                throw new DomainXmlException("expected root element <" + rootName + "> in " + what
                        + " XML but found <" + (reader.getPrefix() == null || reader.getPrefix().isEmpty()
                        ? "" : reader.getPrefix() + ":") + root + ">");
            }
            Map<String, String> declared = new LinkedHashMap<>();
            for (int i = 0; i < reader.getNamespaceCount(); i++) {
                String prefix = reader.getNamespacePrefix(i);
                declared.put(prefix == null ? "" : prefix, reader.getNamespaceURI(i));
            }
            T model = UNMARSHALLER.get().unmarshal(reader, type).getValue();
            if (model instanceof XmlNode node) {
                node.getNamespaceDeclarations().putAll(declared);
                // JAXB copies every in-scope declaration onto each captured DOM element; drop them all, the
                // marshaller declares what an element actually uses (and the root keeps its own).
                node.forEachOtherElement(XmlCodec::dropNamespaceDeclarations);
            }
            return model;
        } catch (XMLStreamException e) {
            throw notWellFormed(what, e);
        } catch (UnmarshalException e) {
            if (e.getLinkedException() instanceof XMLStreamException xse) {
                throw notWellFormed(what, xse);
            }
            throw new DomainXmlException(what + " XML cannot be read: " + message(e), e);
        } catch (JAXBException e) {
            throw new DomainXmlException(what + " XML cannot be read: " + message(e), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing held beyond the string
                }
            }
        }
    }

    static String write(Object model, String what) {
        if (model == null) {
            throw new DomainXmlException("no " + what + " to write");
        }
        StringWriter out = new StringWriter(4096);
        try {
            Marshaller m = MARSHALLER.get();
            Map<String, String> declared = model instanceof XmlNode node ? node.getNamespaceDeclarations() : Map.of();
            m.setProperty(PREFIX_MAPPER, declared.isEmpty() ? NO_DECLARATIONS : new RootDeclarations(declared));
            m.marshal(model, out);
        } catch (JAXBException e) {
            throw new DomainXmlException(what + " cannot be written: " + message(e), e);
        }
        return out.append('\n').toString();
    }

    private static void dropNamespaceDeclarations(Element e) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = attrs.getLength() - 1; i >= 0; i--) {
            Node a = attrs.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                e.removeAttributeNode((Attr) a);
            }
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                dropNamespaceDeclarations(child);
            }
        }
    }

    /** Declares the root's original namespace prefixes on the root element when writing. */
    private static final class RootDeclarations extends NamespacePrefixMapper {
        private final Map<String, String> byUri = new LinkedHashMap<>();
        private final String[] pairs;

        RootDeclarations(Map<String, String> prefixToUri) {
            List<String> list = new ArrayList<>();
            for (Map.Entry<String, String> e : prefixToUri.entrySet()) {
                if (!e.getKey().isEmpty()) {
                    byUri.putIfAbsent(e.getValue(), e.getKey());
                    list.add(e.getKey());
                    list.add(e.getValue());
                }
            }
            pairs = list.toArray(new String[0]);
        }

        @Override
        public String getPreferredPrefix(String namespaceUri, String suggestion, boolean requirePrefix) {
            return byUri.getOrDefault(namespaceUri, suggestion);
        }

        @Override
        public String[] getPreDeclaredNamespaceUris2() {
            return pairs;
        }
    }

    private static DomainXmlException notWellFormed(String what, XMLStreamException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber();
        String msg = e.getMessage();
        int idx = msg == null ? -1 : msg.indexOf("Message: ");
        if (idx >= 0) {
            msg = msg.substring(idx + "Message: ".length());
        }
        return new DomainXmlException(what + " XML is not well-formed" + where + ": " + msg, e);
    }

    private static String message(JAXBException e) {
        if (e.getMessage() != null) {
            return e.getMessage();
        }
        Throwable linked = e.getLinkedException();
        return linked == null ? e.toString() : linked.toString();
    }
}
