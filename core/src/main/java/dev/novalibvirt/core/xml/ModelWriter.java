package dev.novalibvirt.core.xml;

import dev.novalibvirt.core.xml.domain.OtherElement;
import dev.novalibvirt.core.xml.domain.XmlNode;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * Writes a model straight into a string, the fast path of {@link XmlCodec#write}: the same bytes JAXB's indenting
 * UTF-8 output gives (libvirt's layout: two-space indent, {@code <x/>} when empty, text inline, the same escapes),
 * without JAXB's per-property dispatch and its UTF-8 detour, and indented correctly at every depth (JAXB's
 * indentation went back to column 0 from depth 8). What it does not mirror exactly (a namespace with no known
 * prefix, a namespaced attribute, a DOM element or a foreign object among the children) makes it throw
 * {@link ModelBinding.Unsupported}; the caller then writes through JAXB.
 */
final class ModelWriter {
    private static final String INDENT = "  ";

    private final StringBuilder out;
    /** Namespace URI to prefix the document used (root declarations first), for namespaces not yet in scope. */
    private final Map<String, String> preferred = new LinkedHashMap<>();
    /** Prefix, URI pairs in scope, innermost last. */
    private final List<String> scope = new ArrayList<>();
    private int depth;
    /** Text was written since the last tag (then the next tag is not indented: mixed content). */
    private boolean seenText;
    /** A start tag is open: {@code >} or {@code />} still to come. */
    private boolean startPending;
    /** Text was written in this element since its last child (a second one is separated by a space, as JAXB does). */
    private boolean textWritten;

    private ModelWriter(StringBuilder out) {
        this.out = out;
    }

    /** The document of {@code model} (an {@link XmlNode} with {@code @XmlRootElement}), ending in one newline. */
    static String write(Object model, StringBuilder buffer) {
        ModelBinding b = ModelBinding.of(model.getClass());
        if (b.elementName == null) {
            throw new ModelBinding.Unsupported("no element name");
        }
        buffer.setLength(0);
        ModelWriter w = new ModelWriter(buffer);
        XmlNode root = (XmlNode) model;
        List<String> declarations = new ArrayList<>();
        for (Map.Entry<String, String> e : root.getNamespaceDeclarations().entrySet()) {
            if (!e.getKey().isEmpty()) {
                w.preferred.putIfAbsent(e.getValue(), e.getKey());
                declarations.add(e.getKey());
                declarations.add(e.getValue());
            }
        }
        root.getPreferredPrefixes().forEach(w.preferred::putIfAbsent);
        w.bean(b, model, b.elementName, declarations);
        buffer.append('\n');
        return buffer.toString();
    }

    private void bean(ModelBinding b, Object bean, String name, List<String> declarations) {
        int scopeSize = scope.size();
        startTag(name);
        for (int i = 0; i < declarations.size(); i += 2) {
            declare(declarations.get(i), declarations.get(i + 1));
        }
        Field[] fields = b.attributeFields;
        for (int i = 0; i < fields.length; i++) {
            Object v = ModelBinding.get(fields[i], bean);
            if (v != null) {
                attribute(b.attributeNames[i], (String) v);
            }
        }
        otherAttributes(ModelBinding.otherAttributes(bean));
        if (b.value != null) {
            Object v = ModelBinding.get(b.value, bean);
            if (v != null) {
                text((String) v);
            }
        } else if (b.content != null) {
            Object list = ModelBinding.get(b.content, bean);
            if (list != null) {
                for (Object child : (List<?>) list) {
                    child(child);
                }
            }
        }
        endTag(name);
        truncateScope(scopeSize);
    }

    private void child(Object child) {
        if (child instanceof OtherElement e) {
            other(e);
        } else if (child instanceof XmlNode) {
            ModelBinding b = ModelBinding.of(child.getClass());
            if (b.elementName == null) {
                throw new ModelBinding.Unsupported("child without element name: " + child.getClass().getName());
            }
            bean(b, child, b.elementName, List.of());
        } else {
            throw new ModelBinding.Unsupported("child " + (child == null ? "null" : child.getClass().getName()));
        }
    }

    private void other(OtherElement e) {
        int scopeSize = scope.size();
        QName q = e.getName();
        String name = q.getLocalPart();
        String pendingDeclaration = null;
        String ns = q.getNamespaceURI();
        if (!ns.isEmpty()) {
            String prefix = inScope(ns);
            if (prefix == null) {
                prefix = preferred.get(ns);
                if (prefix == null || prefix.isEmpty() || boundElsewhere(prefix)) {
                    throw new ModelBinding.Unsupported("no prefix for " + ns);
                }
                pendingDeclaration = prefix;
            }
            name = prefix + ":" + name;
        }
        startTag(name);
        if (pendingDeclaration != null) {
            declare(pendingDeclaration, ns);
        }
        otherAttributes(e.getAttributes());
        for (Object o : e.getContent()) {
            if (o instanceof String s) {
                text(s);
            } else if (o instanceof OtherElement c) {
                other(c);
            } else {
                throw new ModelBinding.Unsupported("content " + (o == null ? "null" : o.getClass().getName()));
            }
        }
        endTag(name);
        truncateScope(scopeSize);
    }

    private void otherAttributes(Map<QName, String> attributes) {
        if (attributes == null) {
            return;
        }
        for (Map.Entry<QName, String> a : attributes.entrySet()) {
            if (!a.getKey().getNamespaceURI().isEmpty()) {
                throw new ModelBinding.Unsupported("namespaced attribute");
            }
            if (a.getValue() != null) {
                attribute(a.getKey().getLocalPart(), a.getValue());
            }
        }
    }

    private String inScope(String ns) {
        for (int i = scope.size() - 2; i >= 0; i -= 2) {
            if (scope.get(i + 1).equals(ns)) {
                return scope.get(i);
            }
        }
        return null;
    }

    private boolean boundElsewhere(String prefix) {
        for (int i = scope.size() - 2; i >= 0; i -= 2) {
            if (scope.get(i).equals(prefix)) {
                return true;
            }
        }
        return false;
    }

    private void declare(String prefix, String ns) {
        scope.add(prefix);
        scope.add(ns);
        attribute("xmlns:" + prefix, ns);
    }

    private void truncateScope(int size) {
        while (scope.size() > size) {
            scope.remove(scope.size() - 1);
        }
    }

    private void startTag(String name) {
        closeStartTag();
        if (!seenText) {
            newLine();
        }
        depth++;
        seenText = false;
        textWritten = false;
        out.append('<').append(name);
        startPending = true;
    }

    private void endTag(String name) {
        depth--;
        if (!startPending && !seenText) {
            newLine();
        }
        seenText = false;
        textWritten = false;
        if (startPending) {
            out.append("/>");
            startPending = false;
        } else {
            out.append("</").append(name).append('>');
        }
    }

    private void closeStartTag() {
        if (startPending) {
            out.append('>');
            startPending = false;
        }
    }

    /** A line break and the indentation of the current depth; none before the document's first tag. */
    private void newLine() {
        if (out.length() == 0) {
            return;
        }
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append(INDENT);
        }
    }

    private void attribute(String name, String value) {
        out.append(' ').append(name).append("=\"");
        escape(value, true);
        out.append('"');
    }

    private void text(String value) {
        seenText = true;
        closeStartTag();
        if (textWritten) {
            out.append(' ');
        }
        escape(value, false);
        textWritten = true;
    }

    /** JAXB's escapes: &amp;, &lt;, &gt; and CR everywhere; in attributes also the quote, tab and line feed. */
    private void escape(String s, boolean attribute) {
        int n = s.length();
        int first = 0;
        while (first < n && !special(s.charAt(first), attribute)) {
            first++;
        }
        if (first == n) {
            out.append(s); // the usual case, copied whole
            return;
        }
        int from = 0;
        for (int i = first; i < n; i++) {
            String entity = switch (s.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '\r' -> "&#xD;";
                case '"' -> attribute ? "&quot;" : null;
                case '\t' -> attribute ? "&#x9;" : null;
                case '\n' -> attribute ? "&#xA;" : null;
                default -> null;
            };
            if (entity != null) {
                out.append(s, from, i).append(entity);
                from = i + 1;
            }
        }
        out.append(s, from, s.length());
    }

    private static boolean special(char c, boolean attribute) {
        return c == '&' || c == '<' || c == '>' || c == '\r' || attribute && (c == '"' || c == '\t' || c == '\n');
    }
}
