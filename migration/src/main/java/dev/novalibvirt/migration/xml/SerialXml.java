package dev.novalibvirt.migration.xml;

import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Mirrors Nova's {@code migration._update_serial_xml}: tcp {@code <serial>}/{@code <console>} sources bind to the
 * destination's serial proxy address and the port the destination acquired for the device's target port (bug
 * 1455252: the source's port may be taken on the destination).
 */
public final class SerialXml {
    private SerialXml() {
    }

    public static void update(Document doc, String listenAddr, List<Integer> ports) {
        if (listenAddr == null) {
            return;
        }
        for (String kind : List.of("serial", "console")) {
            for (Element dev : DomXml.devices(doc, kind)) {
                if (!"tcp".equals(dev.getAttribute("type"))) {
                    continue;
                }
                Element source = DomXml.child(dev, "source");
                Element target = DomXml.child(dev, "target");
                if (source == null) {
                    continue;
                }
                source.setAttribute("host", listenAddr);
                int index = target != null && target.hasAttribute("port")
                        ? Integer.parseInt(target.getAttribute("port")) : 0;
                if (index < ports.size()) {
                    source.setAttribute("service", Integer.toString(ports.get(index)));
                }
            }
        }
    }
}
