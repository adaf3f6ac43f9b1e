package dev.novalibvirt.core.xml;

import dev.novalibvirt.core.xml.capabilities.Capabilities;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.Graphics;
import dev.novalibvirt.core.xml.domain.Interface;
import dev.novalibvirt.core.xml.domain.Lease;
import dev.novalibvirt.core.xml.domain.OtherElement;
import dev.novalibvirt.core.xml.secret.Secret;
import dev.novalibvirt.core.xml.domain.XmlNode;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import org.glassfish.jaxb.runtime.marshaller.NamespacePrefixMapper;
import org.glassfish.jaxb.runtime.v2.runtime.Coordinator;
import org.glassfish.jaxb.runtime.v2.runtime.JAXBContextImpl;
import org.glassfish.jaxb.runtime.v2.runtime.MarshallerImpl;
import org.glassfish.jaxb.runtime.v2.runtime.output.Encoded;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Reads and writes the model: the fast way ({@link ModelReader}, {@link ModelWriter}: StAX straight into the
 * model and a string writer, about twice JAXB's round-trip rate) whenever they mirror JAXB for the document, and
 * through JAXB otherwise; JAXB also words every parse error and is the reference the fast path is tested against.
 *
 * <p>For JAXB: the one JAXBContext of the XML model and per-thread (un)marshallers. JAXBContext is thread-safe and
 * costly to build, so it is built once; Marshaller and Unmarshaller are not thread-safe but cheap to keep per
 * thread. Input goes through SAX with DOCTYPEs refused (libvirt XML has none, so no entity tricks).
 */
final class XmlCodec {
    private static final String PREFIX_MAPPER = "org.glassfish.jaxb.namespacePrefixMapper";
    private static final NamespacePrefixMapper NO_DECLARATIONS = new RootDeclarations(Map.of(), Map.of());

    private static final JAXBContext CONTEXT;
    /** libvirt indents by two spaces. */
    private static final String INDENT = "  ";
    /** The context's UTF-8 encoded element and attribute names (built once; the getter is synchronized). */
    private static volatile Encoded[] utf8Names;

    static {
        try {
            CONTEXT = JAXBContext.newInstance(Domain.class, Secret.class, Capabilities.class, Disk.class,
                    Interface.class, Graphics.class, Lease.class, OtherElement.Content.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * One SAX parser per thread: namespace aware, no DOCTYPE (so no entities, internal or external). The JDK's
     * parser interns names, which lets JAXB skip its own interning.
     */
    private static final ThreadLocal<XMLReader> READER = ThreadLocal.withInitial(XmlCodec::newReader);

    /**
     * Woodstox's SAX parser when it is on the class path (it tokenizes about twice as fast as the JDK's), else the
     * JDK's. Either way: namespace aware, names interned (so JAXB skips its own interning), no DTD processing
     * and no external entities.
     */
    private static XMLReader newReader() {
        XMLReader woodstox = woodstoxReader();
        return woodstox != null ? refuseDoctype(woodstox) : jdkReader();
    }

    /**
     * libvirt XML never has a DOCTYPE; refusing it outright rules out entity expansion (Woodstox expands internal
     * entities even with DTD support off).
     */
    private static XMLReader refuseDoctype(XMLReader reader) {
        try {
            reader.setProperty("http://xml.org/sax/properties/lexical-handler", new DefaultHandler2() {
                @Override
                public void startDTD(String name, String publicId, String systemId) throws SAXException {
                    throw new UnknownElements.Refused("a DOCTYPE is not allowed in libvirt XML");
                }
            });
            return reader;
        } catch (SAXException e) {
            return jdkReader(); // cannot refuse DOCTYPEs there: use the JDK's parser, which can
        }
    }

    private static XMLReader woodstoxReader() {
        try {
            Class<?> stax = Class.forName("com.ctc.wstx.stax.WstxInputFactory");
            XMLInputFactory in = (XMLInputFactory) stax.getConstructor().newInstance();
            in.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            in.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            in.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
            SAXParserFactory f = (SAXParserFactory) Class.forName("com.ctc.wstx.sax.WstxSAXParserFactory")
                    .getConstructor(stax).newInstance(in);
            f.setNamespaceAware(true);
            return f.newSAXParser().getXMLReader();
        } catch (ReflectiveOperationException | LinkageError | ParserConfigurationException | SAXException e) {
            return null; // no Woodstox: the JDK's parser
        }
    }

    /** The JDK's SAX parser, configured like Woodstox's (package-private so tests can exercise the fallback). */
    static XMLReader jdkReader() {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return f.newSAXParser().getXMLReader();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("no usable SAX parser", e);
        }
    }

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
            m.setProperty("org.glassfish.jaxb.indentString", INDENT);
            return m;
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    });

    /**
     * JAXB pushes and pops its Coordinator into a ThreadLocal for EVERY element it reads; with nothing below it,
     * each pop removes the entry and each push re-inserts it, and ThreadLocalMap insertion with its stale-slot
     * sweeping was about a tenth of the parse time. One resident Coordinator per thread turns those into plain
     * sets. It handles no events and holds no adapters.
     */
    private static final class ResidentCoordinator extends Coordinator {
        ResidentCoordinator() {
            pushCoordinator();
        }

        @Override
        protected ValidationEventLocator getLocation() {
            return null;
        }

        @Override
        public boolean handleEvent(ValidationEvent event) {
            return false;
        }
    }

    private static final ThreadLocal<ResidentCoordinator> RESIDENT = ThreadLocal.withInitial(ResidentCoordinator::new);

    private XmlCodec() {
    }

    /**
     * Parses {@code xml} whose root must be {@code <rootName>} into {@code type}: the fast way ({@link ModelReader})
     * when it can mirror JAXB for the document, else (and for every malformed document, so that JAXB words the
     * error) through JAXB.
     */
    static <T> T parse(String xml, String rootName, Class<T> type, String what) {
        if (xml != null && !xml.isBlank()) {
            try {
                return ModelReader.parse(xml, rootName, type);
            } catch (ModelBinding.Unsupported e) {
                // JAXB below: it reads what the fast reader does not mirror, and reports what is wrong
            }
        }
        return parseJaxb(xml, rootName, type, what);
    }

    /** Through JAXB only (no fast path): the reference the fast path is tested against. */
    static <T> T parseJaxb(String xml, String rootName, Class<T> type, String what) {
        return parse(xml, rootName, type, what, READER.get());
    }

    /** The same with a given SAX parser (one not in use elsewhere). */
    static <T> T parse(String xml, String rootName, Class<T> type, String what, XMLReader reader) {
        if (xml == null || xml.isBlank()) {
            throw new DomainXmlException(what + " XML is empty");
        }
        RESIDENT.get();
        UnknownElements filter = new UnknownElements(reader, type, rootName);
        try {
            T model = UNMARSHALLER.get().unmarshal(new SAXSource(filter, new InputSource(new StringReader(xml))), type)
                    .getValue();
            filter.restoreInto(model);
            if (model instanceof XmlNode node) {
                node.getNamespaceDeclarations().putAll(filter.rootDeclarations());
                node.getPreferredPrefixes().putAll(filter.prefixes());
            }
            return model;
        } catch (UnmarshalException e) {
            Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e.getCause();
            if (cause instanceof UnknownElements.Refused refused) {
                throw new DomainXmlException(what + " XML refused: " + refused.getMessage(), e);
            }
            if (cause instanceof SAXException sax && sax.getException() != null) {
                cause = sax.getException();
            }
            if (cause instanceof XMLStreamException xse) {
                String msg = String.valueOf(xse.getMessage());
                int nl = msg.indexOf('\n');
                String where = xse.getLocation() == null ? "" : " at line " + xse.getLocation().getLineNumber()
                        + ", column " + xse.getLocation().getColumnNumber();
                throw new DomainXmlException(what + " XML is not well-formed" + where + ": "
                        + (nl > 0 ? msg.substring(0, nl) : msg), e);
            }
            if (cause instanceof SAXParseException spe) {
                throw new DomainXmlException(what + " XML is not well-formed at line " + spe.getLineNumber()
                        + ", column " + spe.getColumnNumber() + ": " + spe.getMessage(), e);
            }
            throw new DomainXmlException(what + " XML cannot be read: " + message(e), e);
        } catch (JAXBException e) {
            throw new DomainXmlException(what + " XML cannot be read: " + message(e), e);
        }
    }

    /** Writes {@code model} the fast way ({@link ModelWriter}) when it can mirror JAXB's bytes, else through JAXB. */
    static String write(Object model, String what) {
        if (model != null) {
            StringBuilder buffer = TEXT.get();
            try {
                return ModelWriter.write(model, buffer);
            } catch (ModelBinding.Unsupported e) {
                // JAXB below
            } finally {
                if (buffer.capacity() > Output.KEEP) {
                    TEXT.remove(); // a huge document's buffer is not kept
                } else {
                    buffer.setLength(0);
                }
            }
        }
        return writeJaxb(model, what);
    }

    /** One text buffer per thread for the fast writer, reused. */
    private static final ThreadLocal<StringBuilder> TEXT = ThreadLocal.withInitial(() -> new StringBuilder(8 * 1024));

    /** Through JAXB only (no fast path): the reference the fast path is tested against. */
    static String writeJaxb(Object model, String what) {
        if (model == null) {
            throw new DomainXmlException("no " + what + " to write");
        }
        RESIDENT.get();
        Output out = OUTPUT.get();
        out.reset();
        try {
            Marshaller m = MARSHALLER.get();
            XmlNode node = model instanceof XmlNode n ? n : null;
            m.setProperty(PREFIX_MAPPER, node == null || node.getNamespaceDeclarations().isEmpty()
                    && node.getPreferredPrefixes().isEmpty() ? NO_DECLARATIONS
                    : new RootDeclarations(node.getNamespaceDeclarations(), node.getPreferredPrefixes()));
            // An output without a CharacterEscapeHandler: given one (marshal to a stream always sets one for
            // UTF-8), JAXB escapes every attribute value and text through a new StringWriter and re-encodes the
            // result, over half of the write time. Without, it escapes straight into its UTF-8 buffer; the same
            // characters are escaped (&, <, >, CR; in attributes also ", LF and TAB, as hex references).
            ((MarshallerImpl) m).marshal(model, new IndentingOutput(out, INDENT, utf8Names()));
        } catch (JAXBException e) {
            throw new DomainXmlException(what + " cannot be written: " + message(e), e);
        }
        String xml = out.text();
        out.shrink();
        return xml;
    }

    /** One output buffer per thread, reused: a fresh 8 KiB buffer per write was a twentieth of the write time. */
    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);

    /** JAXB's bytes, decoded once: without the fragment's leading line break, ending in exactly one newline. */
    private static final class Output extends ByteArrayOutputStream {
        private static final int KEEP = 64 * 1024;

        Output() {
            super(16 * 1024);
        }

        String text() {
            int start = 0;
            while (start < count && buf[start] != '<') {
                start++;
            }
            int end = count;
            while (end > start && buf[end - 1] == '\n') {
                end--;
            }
            if (end == count) {
                write('\n');
            } else {
                buf[end] = '\n';
            }
            return new String(buf, start, end + 1 - start, StandardCharsets.UTF_8);
        }

        /** A huge document's buffer is not kept. */
        void shrink() {
            if (buf.length > KEEP) {
                buf = new byte[16 * 1024];
            }
            count = 0;
        }
    }

    private static Encoded[] utf8Names() {
        Encoded[] names = utf8Names;
        if (names == null) {
            names = ((JAXBContextImpl) CONTEXT).getUTF8NameTable();
            utf8Names = names;
        }
        return names;
    }

    /**
     * Declares the root's original namespace prefixes on the root element when writing, and prefers the prefixes
     * the document used elsewhere (so {@code nova:} stays {@code nova:} rather than {@code ns2:}).
     */
    private static final class RootDeclarations extends NamespacePrefixMapper {
        private final Map<String, String> byUri = new LinkedHashMap<>();
        private final String[] pairs;

        RootDeclarations(Map<String, String> prefixToUri, Map<String, String> preferred) {
            List<String> list = new ArrayList<>();
            for (Map.Entry<String, String> e : prefixToUri.entrySet()) {
                if (!e.getKey().isEmpty()) {
                    byUri.putIfAbsent(e.getValue(), e.getKey());
                    list.add(e.getKey());
                    list.add(e.getValue());
                }
            }
            pairs = list.toArray(new String[0]);
            preferred.forEach(byUri::putIfAbsent);
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

    private static String message(JAXBException e) {
        if (e.getMessage() != null) {
            return e.getMessage();
        }
        Throwable linked = e.getLinkedException();
        return linked == null ? e.toString() : linked.toString();
    }
}
