package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.Domains;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskHost;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Field lesson "Ceph monitors move under running guests" (Nova bug 1741364): the monitors the guest's RBD disk
 * names, in its live XML and its persistent definition, are the ones the site's ceph.conf names. A definition that
 * names others cold-boots against monitors that may be gone ({@code refresh-monitors} rewrites such definitions).
 */
final class MonitorsCheck implements Check {
    @Override
    public String id() {
        return "monitors_in_definition";
    }

    @Override
    public CheckResult.Kind kind() {
        return CheckResult.Kind.FIELD;
    }

    @Override
    public String proves() {
        return "field lesson: Ceph monitors move under running guests (bug 1741364): disk <host>s = ceph.conf mon_host";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        if (context.guestOn().isEmpty()) {
            return List.of(skip("no running guest (spawn failed)"));
        }
        SiteHost host = context.guestOn().get();
        Optional<CheckResult> skipped = LibvirtOnly.skipUnlessUri(this, host, "domain XML");
        if (skipped.isPresent()) {
            return List.of(skipped.get());
        }
        String entity = "client." + context.config().user();
        List<String> named = CephConfMonitors.hosts(context.site().cephConf(), entity);
        if (named.isEmpty()) {
            return List.of(skip(context.config().cephConf() + " names no mon_host for " + entity
                    + " (librados looks the monitors up in DNS): nothing to compare"));
        }
        Set<String> expected = new LinkedHashSet<>();
        for (String m : named) {
            expected.addAll(context.site().addresses(m));
        }
        List<String> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (boolean persistent : new boolean[] {false, true}) {
            String which = persistent ? "persistent definition" : "live XML";
            List<Disk> disks = Domains.rbdDisks(DomainXml.parse(context.site().domainXml(host, context.guest(),
                    persistent)));
            if (disks.isEmpty()) {
                problems.add(which + " has no RBD disk");
            }
            for (Disk d : disks) {
                Set<String> hosts = new LinkedHashSet<>(d.getSource().getHosts().stream().map(DiskHost::getName)
                        .toList());
                seen.addAll(hosts);
                if (!hosts.equals(expected)) {
                    problems.add(which + " " + d.getTargetDev() + " names " + hosts);
                }
            }
        }
        String want = "ceph.conf mon_host " + named + " = " + expected;
        return List.of(problems.isEmpty() ? verdict(true, "disks name " + seen + " on " + host.name() + "; " + want)
                : verdict(false, String.join("; ", problems) + ", expected " + want));
    }
}
