package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.CliConfig;
import dev.novalibvirt.cli.config.ExitCodes;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.output.Table;
import dev.novalibvirt.cli.port.CephCluster;
import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.cli.port.GuestInventory;
import dev.novalibvirt.cli.port.Services;
import dev.novalibvirt.libvirt.monrefresh.DiskMonitorChange;
import dev.novalibvirt.libvirt.monrefresh.DomainRefreshReport;
import dev.novalibvirt.libvirt.monrefresh.MonitorRefreshPlan;
import dev.novalibvirt.migration.xml.MonitorAddress;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code refresh-monitors [HOST] [--domain NAME] [--dry-run]}: brings the RBD {@code <host>} lists of the persistent
 * definitions of a host's guests in line with the live monmap ({@code MonitorRefresher}); running guests are never
 * touched. The dry run plans the same ({@code MonitorRefreshPlan}) and shows the diff per disk, changing nothing.
 */
@Command(name = "refresh-monitors", mixinStandardHelpOptions = true, description = "Refresh the Ceph monitor addresses in the definitions of a host's guests.")
final class RefreshMonitorsCommand extends CliCommand {
    /** What the dry run reports for a domain the real run would rewrite. */
    static final String WOULD_REWRITE = "WOULD_REWRITE";

    @Parameters(arity = "0..1", paramLabel = "HOST", description = "the compute host (default: this one)")
    Optional<String> host = Optional.empty();

    @Option(names = "--domain", paramLabel = "NAME", description = "only this domain")
    Optional<String> domain = Optional.empty();

    @Option(names = "--connect", paramLabel = "URI", description = "the libvirtd URI, instead of HOST's")
    Optional<String> connect = Optional.empty();

    @Option(names = "--dry-run", description = "show what would change, per disk; change nothing")
    boolean dryRun;

    RefreshMonitorsCommand(Services services) {
        super(services);
    }

    /** One RBD disk's monitors: before and after. */
    record Disk(String target, String image, List<String> before, List<String> after) {
        static Disk of(DiskMonitorChange c) {
            return new Disk(c.target(), c.image(), hostPorts(c.before()), hostPorts(c.after()));
        }
    }

    /** One domain: its status ({@code REWRITTEN}, {@code WOULD_REWRITE}, {@code UNCHANGED}, {@code NO_RBD_DISKS},
     * {@code TRANSIENT}, {@code FAILED}) and its changed disks. */
    record Domain(String name, String uuid, String status, List<Disk> disks, String detail) {
    }

    /** The whole run. */
    record Result(String host, String uri, boolean dryRun, List<String> monitors, List<Domain> domains) implements Report {
        @Override
        public int exitCode() {
            return domains.stream().anyMatch(d -> d.status().equals("FAILED")) ? ExitCodes.FAILURE : ExitCodes.OK;
        }

        @Override
        public String toText() {
            StringBuilder sb = new StringBuilder();
            sb.append("Ceph monitors now: ").append(String.join(", ", monitors)).append('\n');
            sb.append("Host ").append(host).append(" (").append(uri).append(")")
                    .append(dryRun ? ", dry run: nothing is changed" : "").append('\n');
            if (domains.isEmpty()) {
                return sb.append("no domains\n").toString();
            }
            Table t = Table.of("DOMAIN", "UUID", "STATUS", "STALE DISKS", "DETAIL");
            domains.forEach(d -> t.row(d.name(), d.uuid(), d.status(), d.disks().size(),
                    d.detail().isEmpty() ? null : d.detail()));
            sb.append(t.render());
            for (Domain d : domains) {
                for (Disk disk : d.disks()) {
                    sb.append('\n').append(d.name()).append(' ').append(disk.target()).append(" (").append(disk.image())
                            .append(")\n");
                    disk.before().forEach(h -> sb.append("  - ").append(h).append('\n'));
                    disk.after().forEach(h -> sb.append("  + ").append(h).append('\n'));
                }
            }
            long changed = domains.stream().filter(d -> !d.disks().isEmpty()).count();
            sb.append('\n').append(changed).append(" of ").append(domains.size()).append(" domains ")
                    .append(dryRun ? "would be rewritten" : "rewritten").append('\n');
            return sb.toString();
        }
    }

    @Override
    Report execute(CliConfig config) {
        String uri = config.libvirtUri(host, connect);
        config.rbd();   // nova.conf must describe an RBD backend before Ceph or libvirtd is asked
        try (CephCluster ceph = services.ceph(config);
             GuestInventory guests = services.guests(config, uri, dryRun)) {
            List<MonitorAddress> monitors = List.copyOf(ceph.monitors());
            List<Domain> domains = dryRun
                    ? guests.guests(domain).stream().map(g -> plan(g, monitors)).toList()
                    : guests.refresh(domain, () -> monitors).stream().map(RefreshMonitorsCommand::done).toList();
            return new Result(config.hostName(host), uri, dryRun, hostPorts(monitors), domains);
        }
    }

    /** The dry run of one domain: what {@code MonitorRefresher} would do to it. */
    static Domain plan(GuestDefinition g, List<MonitorAddress> monitors) {
        if (g.error() != null) {
            return new Domain(g.name(), g.uuid(), "FAILED", List.of(), g.error());
        }
        if (!g.persistent()) {
            return new Domain(g.name(), g.uuid(), DomainRefreshReport.Status.TRANSIENT.name(), List.of(), "");
        }
        try {
            MonitorRefreshPlan plan = MonitorRefreshPlan.of(g.definitionXml(), monitors);
            if (plan.rbdDisks() == 0) {
                return new Domain(g.name(), g.uuid(), DomainRefreshReport.Status.NO_RBD_DISKS.name(), List.of(), "");
            }
            if (plan.changes().isEmpty()) {
                return new Domain(g.name(), g.uuid(), DomainRefreshReport.Status.UNCHANGED.name(), List.of(), "");
            }
            return new Domain(g.name(), g.uuid(), WOULD_REWRITE, plan.changes().stream().map(Disk::of).toList(),
                    g.active() ? "running guest would stay untouched; new monitors apply from its next boot" : "");
        } catch (RuntimeException e) {
            return new Domain(g.name(), g.uuid(), "FAILED", List.of(), oneLine(e));
        }
    }

    static Domain done(DomainRefreshReport r) {
        return new Domain(r.name(), r.uuid(), r.status().name(), r.changes().stream().map(Disk::of).toList(),
                r.detail());
    }

    static List<String> hostPorts(List<MonitorAddress> monitors) {
        return monitors.stream().map(m -> (m.host().contains(":") ? "[" + m.host() + "]" : m.host()) + ":" + m.port())
                .toList();
    }
}
