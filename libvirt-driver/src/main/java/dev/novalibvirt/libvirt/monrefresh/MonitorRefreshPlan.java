package dev.novalibvirt.libvirt.monrefresh;

import dev.novalibvirt.migration.xml.DomXml;
import dev.novalibvirt.migration.xml.MonitorAddress;
import dev.novalibvirt.migration.xml.RbdXml;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Pure part of the monitor refresh: which RBD disks of a domain definition name monitors other than the live
 * monmap's, and the definition with those disks rewritten. Compares host:port sets (order does not matter to
 * librados; a {@code <host>} without port means Ceph's default 6789). Like Nova's
 * {@code migration._update_rbd_xml}, user-attached disks (alias {@code ua-...}, Cinder's) are left alone.
 *
 * @param rbdDisks number of image-backend RBD disks seen
 * @param changes  disks whose hosts differ, with old and new lists
 * @param newXml   the rewritten definition, present only when there are changes
 */
public record MonitorRefreshPlan(int rbdDisks, List<DiskMonitorChange> changes, Optional<String> newXml) {
    static final String DEFAULT_MON_PORT = "6789";

    public MonitorRefreshPlan {
        changes = List.copyOf(changes);
    }

    /** Plans the refresh of {@code domainXml} (a persistent definition) against {@code monitors}. */
    public static MonitorRefreshPlan of(String domainXml, List<MonitorAddress> monitors) {
        if (monitors == null || monitors.isEmpty()) {
            throw new MonitorRefreshException("the live monmap has no monitors; refusing to rewrite any disk");
        }
        Document doc = DomXml.parse(domainXml);
        Set<String> wanted = keys(monitors);
        int rbd = 0;
        List<DiskMonitorChange> changes = new ArrayList<>();
        for (Element disk : DomXml.devices(doc, "disk")) {
            Element source = DomXml.child(disk, "source");
            if (!"network".equals(disk.getAttribute("type")) || source == null
                    || !"rbd".equals(source.getAttribute("protocol"))) {
                continue;
            }
            Element alias = DomXml.child(disk, "alias");
            if (alias != null && alias.getAttribute("name").startsWith("ua-")) {
                continue;
            }
            rbd++;
            List<MonitorAddress> current = new ArrayList<>();
            for (Element h : DomXml.children(source, "host")) {
                String port = h.getAttribute("port");
                current.add(new MonitorAddress(h.getAttribute("name"), port.isEmpty() ? DEFAULT_MON_PORT : port));
            }
            if (!keys(current).equals(wanted)) {
                Element target = DomXml.child(disk, "target");
                changes.add(new DiskMonitorChange(target == null ? "?" : target.getAttribute("dev"),
                        source.getAttribute("name"), current, monitors));
                RbdXml.replaceHosts(doc, source, monitors);
            }
        }
        return new MonitorRefreshPlan(rbd, changes, changes.isEmpty() ? Optional.empty() : Optional.of(DomXml.print(doc)));
    }

    private static Set<String> keys(List<MonitorAddress> l) {
        Set<String> s = new LinkedHashSet<>();
        l.forEach(m -> s.add(m.host() + ":" + (m.port() == null || m.port().isEmpty() ? DEFAULT_MON_PORT : m.port())));
        return s;
    }
}
