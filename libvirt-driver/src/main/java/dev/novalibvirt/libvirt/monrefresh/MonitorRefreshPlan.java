package dev.novalibvirt.libvirt.monrefresh;

import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.Domains;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.migration.xml.MonitorAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pure part of the monitor refresh: which RBD disks of a domain definition name monitors other than the live
 * monmap's, and the definition with those disks rewritten. Compares host:port sets (order does not matter to
 * librados; a {@code <host>} without port means Ceph's default 6789). Like Nova's
 * {@code migration._update_rbd_xml}, volumes (alias {@code ua-...} or a {@code <serial>}, Cinder's) are left alone.
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
        Domain domain = DomainXml.parse(domainXml);
        Set<String> wanted = keys(monitors);
        int rbd = 0;
        List<DiskMonitorChange> changes = new ArrayList<>();
        for (Disk disk : Domains.rbdDisks(domain)) {
            if (!Domains.isImageBackendDisk(disk)) {   // volumes (ua- alias or <serial>) may be another cluster's
                continue;
            }
            rbd++;
            List<MonitorAddress> current = new ArrayList<>();
            for (DiskHost h : disk.getSource().getHosts()) {
                String port = h.getPort();
                current.add(new MonitorAddress(h.getName(), port == null || port.isEmpty() ? DEFAULT_MON_PORT : port));
            }
            if (!keys(current).equals(wanted)) {
                String target = disk.getTargetDev();
                changes.add(new DiskMonitorChange(target == null ? "?" : target, disk.getSource().getName(), current,
                        monitors));
                // the domain was parsed here and is not shared: rewrite this disk's hosts in place
                disk.getSource().setHosts(monitors.stream().map(m -> new DiskHost(m.host(), m.port())).toList());
            }
        }
        return new MonitorRefreshPlan(rbd, changes,
                changes.isEmpty() ? Optional.empty() : Optional.of(DomainXml.write(domain)));
    }

    private static Set<String> keys(List<MonitorAddress> l) {
        Set<String> s = new LinkedHashSet<>();
        l.forEach(m -> s.add(m.host() + ":" + (m.port() == null || m.port().isEmpty() ? DEFAULT_MON_PORT : m.port())));
        return s;
    }
}
