package dev.novalibvirt.migration.xml;

import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Mirrors Nova's {@code migration._update_rbd_xml} (master, bug 1741364): every image-backend RBD disk gets the
 * monitors of the live monmap as its {@code <host>} list, so a guest whose monitors moved since boot still reaches
 * Ceph on the destination. User-attached disks (alias {@code ua-...}) belong to Cinder and are left alone.
 */
public final class RbdXml {
    private RbdXml() {
    }

    public static void update(Document doc, List<MonitorAddress> monitors) {
        if (monitors == null || monitors.isEmpty()) {
            return;
        }
        for (Element disk : DomXml.devices(doc, "disk")) {
            if (!"network".equals(disk.getAttribute("type"))) {
                continue;
            }
            Element alias = DomXml.child(disk, "alias");
            if (alias != null && alias.getAttribute("name").startsWith("ua-")) {
                continue;
            }
            Element source = DomXml.child(disk, "source");
            if (source == null || !"rbd".equals(source.getAttribute("protocol"))) {
                continue;
            }
            replaceHosts(doc, source, monitors);
        }
    }

    /** Replaces all {@code <host>} children of an RBD {@code <source>} with one per monitor, before other children. */
    public static void replaceHosts(Document doc, Element source, List<MonitorAddress> monitors) {
        for (Element host : DomXml.children(source, "host")) {
            Node prev = host.getPreviousSibling();
            if (prev != null && prev.getNodeType() == Node.TEXT_NODE && prev.getTextContent().isBlank()) {
                source.removeChild(prev);
            }
            source.removeChild(host);
        }
        Node first = source.getFirstChild();
        for (MonitorAddress m : monitors) {
            Element host = doc.createElement("host");
            host.setAttribute("name", m.host());
            host.setAttribute("port", m.port());
            source.insertBefore(host, first);
        }
    }
}
