package dev.novalibvirt.migration.xml;

import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Re-applies {@code [libvirt] disk_cachemodes} to every disk by its source type, as Nova's {@code _set_cache_mode}
 * does when it regenerates disk config during the migration rewrite (bug 1706083: RBD writeback was lost after
 * migration, and with it librbd's cache). Shareable disks always get {@code none}.
 */
public final class CacheModeXml {
    private CacheModeXml() {
    }

    public static void update(Document doc, Map<String, String> cacheModes) {
        for (Element disk : DomXml.devices(doc, "disk")) {
            Element driver = DomXml.child(disk, "driver");
            if (driver == null || !"qemu".equals(driver.getAttribute("name")) && driver.hasAttribute("name")) {
                continue;
            }
            String mode = DomXml.child(disk, "shareable") != null ? "none" : cacheModes.get(disk.getAttribute("type"));
            if (mode != null) {
                driver.setAttribute("cache", mode);
            }
        }
    }
}
