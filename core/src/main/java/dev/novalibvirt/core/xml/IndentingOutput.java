package dev.novalibvirt.core.xml;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.glassfish.jaxb.runtime.v2.runtime.Name;
import org.glassfish.jaxb.runtime.v2.runtime.output.Encoded;
import org.glassfish.jaxb.runtime.v2.runtime.output.Pcdata;
import org.glassfish.jaxb.runtime.v2.runtime.output.UTF8XmlOutput;
import org.xml.sax.SAXException;
import javax.xml.stream.XMLStreamException;

/**
 * JAXB's UTF-8 output with libvirt's layout, for what JAXB still writes ({@link ModelWriter} declined it, secrets,
 * capabilities). It lays out like JAXB's own IndentingUTF8XmlOutput (a tag on its own line unless it follows text,
 * an element with only text on one line) but indents by depth at every depth: JAXB's went back to column 0 at
 * depth 8 and repeated from there.
 */
final class IndentingOutput extends UTF8XmlOutput {
    private final byte[] indent;
    private int depth;
    private boolean seenText;

    IndentingOutput(OutputStream out, String indent, Encoded[] localNames) {
        super(out, localNames, null);
        this.indent = indent.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void beginStartTag(int prefix, String localName) throws IOException {
        beforeStartTag();
        super.beginStartTag(prefix, localName);
    }

    @Override
    public void beginStartTag(Name name) throws IOException {
        beforeStartTag();
        super.beginStartTag(name);
    }

    private void beforeStartTag() throws IOException {
        closeStartTag();
        if (!seenText) {
            newLine();
        }
        depth++;
        seenText = false;
    }

    @Override
    public void endTag(Name name) throws IOException {
        beforeEndTag();
        super.endTag(name);
    }

    @Override
    public void endTag(int prefix, String localName) throws IOException {
        beforeEndTag();
        super.endTag(prefix, localName);
    }

    private void beforeEndTag() throws IOException {
        depth--;
        if (!closeStartTagPending && !seenText) {
            newLine();
        }
        seenText = false;
    }

    private void newLine() throws IOException {
        write('\n');
        for (int i = 0; i < depth; i++) {
            write(indent, 0, indent.length);
        }
    }

    @Override
    public void text(String value, boolean needSP) throws IOException {
        seenText = true;
        super.text(value, needSP);
    }

    @Override
    public void text(Pcdata value, boolean needSP) throws IOException {
        seenText = true;
        super.text(value, needSP);
    }

    @Override
    public void endDocument(boolean fragment) throws IOException, SAXException, XMLStreamException {
        write('\n');
        super.endDocument(fragment);
    }
}
