package dev.novalibvirt.migration.xml;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Mirrors Nova's {@code migration._update_graphics_xml}: VNC and SPICE {@code <graphics>} listen on the
 * destination's {@code server_listen}, both the {@code listen} attribute and any {@code <listen address>} child.
 * A listen address of the source would not exist on the destination and QEMU would fail to start there.
 */
public final class GraphicsXml {
    private GraphicsXml() {
    }

    public static void update(Document doc, String vncListen, String spiceListen) {
        for (Element g : DomXml.devices(doc, "graphics")) {
            String type = g.getAttribute("type");
            String addr = "vnc".equals(type) ? vncListen : "spice".equals(type) ? spiceListen : null;
            if (addr == null) {
                continue;
            }
            if (g.hasAttribute("listen")) {
                g.setAttribute("listen", addr);
            }
            for (Element listen : DomXml.children(g, "listen")) {
                if (listen.hasAttribute("address")) {
                    listen.setAttribute("address", addr);
                }
            }
        }
    }
}
