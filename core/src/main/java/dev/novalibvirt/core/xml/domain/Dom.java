package dev.novalibvirt.core.xml.domain;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Creates the few DOM elements the model keeps as plain elements (iotune limits, features). */
final class Dom {
    private static final ThreadLocal<Document> OWNER = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no DOM implementation", e);
        }
    });

    private Dom() {
    }

    static Element element(String name) {
        return OWNER.get().createElementNS(null, name);
    }

    static Element textElement(String name, String text) {
        Element e = element(name);
        e.setTextContent(text);
        return e;
    }
}
