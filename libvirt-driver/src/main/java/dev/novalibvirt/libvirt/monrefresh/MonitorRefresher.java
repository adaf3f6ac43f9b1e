package dev.novalibvirt.libvirt.monrefresh;

import dev.novalibvirt.migration.xml.MonitorAddress;
import dev.novalibvirt.migration.xml.MonitorAddressSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Brings the persistent definitions of a host's guests in line with the Ceph monitors of the live monmap.
 *
 * <p>A running QEMU follows the monmap, so it survives monitors being replaced; but the definition keeps the
 * {@code <host>} elements from boot, and the next cold boot then fails to reach any monitor (the problem of
 * Nova bug 1741364, which Nova fixes only for the migration XML). This rewrites the persistent (inactive)
 * definition with {@code virDomainDefineXML}, which never touches the running guest.
 */
public final class MonitorRefresher {
    /** {@code VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE}: the persistent definition with secrets such as
     * VNC passwords, which a redefinition must not lose. */
    static final int INACTIVE_SECURE_XML = 2 | 1;
    /** {@code VIR_CONNECT_LIST_DOMAINS_PERSISTENT}. */
    static final int LIST_PERSISTENT = 4;

    private final MonitorAddressSource monitors;

    public MonitorRefresher(MonitorAddressSource monitors) {
        this.monitors = Objects.requireNonNull(monitors, "monitors");
    }

    /** Refreshes every persistent domain (running or not) on {@code host}; one report per domain. */
    @SuppressWarnings("exports") // callers (the CLI) hold a libvirt-java Connect of their own and read libvirt-java
    public List<DomainRefreshReport> refreshHost(Connect host) throws LibvirtException {
        List<MonitorAddress> current = currentMonitors();
        List<DomainRefreshReport> reports = new ArrayList<>();
        for (Domain d : host.listAllDomains(LIST_PERSISTENT)) {
            reports.add(refresh(host, d, current));
        }
        return List.copyOf(reports);
    }

    /** Refreshes one domain. */
    @SuppressWarnings("exports") // as refreshHost
    public DomainRefreshReport refreshDomain(Connect host, Domain domain) {
        return refresh(host, domain, currentMonitors());
    }

    private List<MonitorAddress> currentMonitors() {
        List<MonitorAddress> current = monitors.monitorAddresses();
        if (current == null || current.isEmpty()) {
            throw new MonitorRefreshException("the live monmap has no monitors; refusing to rewrite any disk");
        }
        return List.copyOf(current);
    }

    private static DomainRefreshReport refresh(Connect host, Domain d, List<MonitorAddress> current) {
        String name = "?";
        String uuid = "?";
        try {
            name = d.getName();
            uuid = d.getUUIDString();
            if (d.isPersistent() != 1) {
                return new DomainRefreshReport(name, uuid, DomainRefreshReport.Status.TRANSIENT, List.of(), "");
            }
            MonitorRefreshPlan plan = MonitorRefreshPlan.of(d.getXMLDesc(INACTIVE_SECURE_XML), current);
            if (plan.rbdDisks() == 0) {
                return new DomainRefreshReport(name, uuid, DomainRefreshReport.Status.NO_RBD_DISKS, List.of(), "");
            }
            if (plan.newXml().isEmpty()) {
                return new DomainRefreshReport(name, uuid, DomainRefreshReport.Status.UNCHANGED, List.of(), "");
            }
            host.domainDefineXML(plan.newXml().get());
            return new DomainRefreshReport(name, uuid, DomainRefreshReport.Status.REWRITTEN, plan.changes(),
                    d.isActive() == 1 ? "running guest untouched; new monitors apply from its next boot" : "");
        } catch (LibvirtException | RuntimeException e) {
            return new DomainRefreshReport(name, uuid, DomainRefreshReport.Status.FAILED, List.of(), e.getMessage());
        }
    }
}
