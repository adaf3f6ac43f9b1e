package dev.novalibvirt.migration.xml;

import dev.novalibvirt.core.exception.Invalid;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Parsing and printing of domain XML for the rewriters. The rewriters work on the DOM of libvirt's migratable XML
 * rather than on a typed model on purpose: whatever they do not touch must reach the destination byte-for-byte in
 * meaning, including elements no model knows yet. External entities and DTDs are refused.
 */
public final class DomXml {
    private DomXml() {
    }

    /** Parses domain XML; malformed input is an {@link Invalid}. */
    public static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(true);
            javax.xml.parsers.DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                    throw e; // reported through the exception, not printed to stderr
                }
            });
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | java.io.IOException | org.xml.sax.SAXException e) {
            throw new Invalid("domain XML cannot be parsed: " + e.getMessage(), e);
        }
    }

    /** Prints a document without an XML declaration. */
    public static String print(Document doc) {
        try {
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("a parsed DOM always prints", e);
        }
    }

    /** The element children of {@code parent} named {@code name}. */
    public static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getTagName())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first element child named {@code name}, or null. */
    public static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    /** The {@code <devices>} children named {@code name} (e.g. disk, graphics, serial). */
    public static List<Element> devices(Document doc, String name) {
        Element devices = child(doc.getDocumentElement(), "devices");
        return devices == null ? List.of() : children(devices, name);
    }

    /** All elements named {@code name} anywhere in the document. */
    public static List<Element> all(Document doc, String name) {
        NodeList nl = doc.getElementsByTagName(name);
        List<Element> out = new ArrayList<>(nl.getLength());
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((Element) nl.item(i));
        }
        return out;
    }
}
