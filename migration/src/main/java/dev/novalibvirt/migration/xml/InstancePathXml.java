package dev.novalibvirt.migration.xml;

import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Moves file paths under the source instance dir (the {@code console.log} of file/pty serials and consoles, their
 * {@code <log file>}) to the destination instance dir. Nova assumes every host has the same
 * {@code instances_path}; hosts that do not (several lab hosts on one machine, heterogeneous fleets) would
 * otherwise have QEMU on the destination write into the source's directory.
 */
public final class InstancePathXml {
    private InstancePathXml() {
    }

    public static void update(Document doc, String sourceDir, String destinationDir) {
        if (sourceDir == null || destinationDir == null || sourceDir.equals(destinationDir)) {
            return;
        }
        String prefix = sourceDir.endsWith("/") ? sourceDir : sourceDir + "/";
        String target = destinationDir.endsWith("/") ? destinationDir : destinationDir + "/";
        for (String kind : List.of("serial", "console")) {
            for (Element dev : DomXml.devices(doc, kind)) {
                rewrite(DomXml.child(dev, "source"), "path", prefix, target);
                rewrite(DomXml.child(dev, "log"), "file", prefix, target);
            }
        }
    }

    private static void rewrite(Element e, String attribute, String prefix, String target) {
        if (e != null && e.getAttribute(attribute).startsWith(prefix)) {
            e.setAttribute(attribute, target + e.getAttribute(attribute).substring(prefix.length()));
        }
    }
}
