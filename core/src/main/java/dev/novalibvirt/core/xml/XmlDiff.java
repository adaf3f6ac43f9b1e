package dev.novalibvirt.core.xml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Semantic comparison of two XML documents, the yardstick of the round-trip tests: same elements (namespace and
 * local name) in the same order, same attributes (as a set, ignoring order and namespace declarations), same
 * text (trimmed; whitespace-only text between elements ignored). Element order matters everywhere, because in
 * libvirt XML it often carries meaning (device order, boot order, host order).
 *
 * <p>{@link #contained} is the relaxed form used against libvirt's normalised output: every element, attribute and
 * text of the expected document must appear in the actual one (extra attributes and extra children are allowed;
 * expected children must appear as an ordered subsequence).
 */
public final class XmlDiff {
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    private XmlDiff() {
    }

    /** All differences between two documents, each with an XPath-like location; empty when equal. */
    public static List<String> differences(String expected, String actual) {
        List<String> out = new ArrayList<>();
        compare(root(expected), root(actual), "", "", false, out);
        return out;
    }

    /** True when both documents are semantically equal. */
    public static boolean equivalent(String expected, String actual) {
        return differences(expected, actual).isEmpty();
    }

    /** What of {@code expected} is missing or different in {@code actual}; empty when it is all there. */
    public static List<String> contained(String expected, String actual) {
        List<String> out = new ArrayList<>();
        compare(root(expected), root(actual), "", "", true, out);
        return out;
    }

    private static Element root(String xml) {
        try {
            DocumentBuilder b = BUILDER.get();
            b.reset();
            Document d = b.parse(new InputSource(new StringReader(xml)));
            return d.getDocumentElement();
        } catch (Exception e) {
            throw new DomainXmlException("XML to compare is not well-formed: " + e.getMessage(), e);
        }
    }

    private static String name(Element e) {
        String local = e.getLocalName() != null ? e.getLocalName() : e.getTagName();
        String ns = e.getNamespaceURI();
        return ns == null || ns.isEmpty() ? local : "{" + ns + "}" + local;
    }

    private static void compare(Element exp, Element act, String parentPath, String index, boolean subset,
            List<String> out) {
        String path = parentPath + "/" + name(exp) + index;
        if (!name(exp).equals(name(act))) {
            out.add(path + ": element differs, expected <" + name(exp) + "> but was <" + name(act) + ">");
            return;
        }
        Map<String, String> ea = attributes(exp);
        Map<String, String> aa = attributes(act);
        for (Map.Entry<String, String> e : ea.entrySet()) {
            String other = aa.get(e.getKey());
            if (other == null) {
                out.add(path + "/@" + e.getKey() + ": missing (expected '" + e.getValue() + "')");
            } else if (!other.equals(e.getValue())) {
                out.add(path + "/@" + e.getKey() + ": expected '" + e.getValue() + "' but was '" + other + "'");
            }
        }
        if (!subset) {
            for (Map.Entry<String, String> a : aa.entrySet()) {
                if (!ea.containsKey(a.getKey())) {
                    out.add(path + "/@" + a.getKey() + ": unexpected (was '" + a.getValue() + "')");
                }
            }
        }
        String et = text(exp);
        String at = text(act);
        if (!Objects.equals(et, at) && !(subset && et.isEmpty())) {
            out.add(path + "/text(): expected '" + et + "' but was '" + at + "'");
        }
        List<Element> ec = elements(exp);
        List<Element> ac = elements(act);
        if (subset) {
            int from = 0;
            for (Element e : ec) {
                int found = -1;
                for (int i = from; i < ac.size(); i++) {
                    if (name(ac.get(i)).equals(name(e)) && contained(e, ac.get(i))) {
                        found = i;
                        break;
                    }
                }
                if (found < 0) {
                    // Report against the next element of the same name, if any, to say what differs.
                    Element near = null;
                    for (int i = from; i < ac.size() && near == null; i++) {
                        if (name(ac.get(i)).equals(name(e))) {
                            near = ac.get(i);
                        }
                    }
                    if (near == null) {
                        out.add(path + "/" + name(e) + ": missing");
                    } else {
                        compare(e, near, path, "", true, out);
                    }
                } else {
                    from = found + 1;
                }
            }
            return;
        }
        int n = Math.min(ec.size(), ac.size());
        for (int i = 0; i < n; i++) {
            compare(ec.get(i), ac.get(i), path, "[" + (i + 1) + "]", false, out);
        }
        for (int i = n; i < ec.size(); i++) {
            out.add(path + "/" + name(ec.get(i)) + "[" + (i + 1) + "]: missing");
        }
        for (int i = n; i < ac.size(); i++) {
            out.add(path + "/" + name(ac.get(i)) + "[" + (i + 1) + "]: unexpected");
        }
    }

    private static boolean contained(Element exp, Element act) {
        List<String> out = new ArrayList<>();
        compare(exp, act, "", "", true, out);
        return out.isEmpty();
    }

    private static Map<String, String> attributes(Element e) {
        Map<String, String> out = new LinkedHashMap<>();
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                continue; // namespace declarations are syntax, not content
            }
            String local = a.getLocalName() != null ? a.getLocalName() : a.getName();
            String ns = a.getNamespaceURI();
            out.put(ns == null || ns.isEmpty() ? local : "{" + ns + "}" + local, a.getValue());
        }
        return out;
    }

    private static String text(Element e) {
        StringBuilder sb = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                sb.append(n.getNodeValue());
            }
        }
        return sb.toString().trim();
    }

    private static List<Element> elements(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }
}
