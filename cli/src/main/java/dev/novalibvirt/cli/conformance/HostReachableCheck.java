package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.cli.conformance.ConformanceSite.HostVersions;
import java.util.List;
import java.util.Optional;

/**
 * The host's libvirtd answers at its URI; its libvirt and QEMU versions go into the report. Skipped for a host reached
 * through its agent without a URI ({@link AgentReachableCheck} asks the agent instead).
 */
final class HostReachableCheck implements Check {
    private final SiteHost host;

    HostReachableCheck(SiteHost host) {
        this.host = host;
    }

    @Override
    public String id() {
        return "libvirt_reachable[" + host.name() + "]";
    }

    @Override
    public CheckResult.Kind kind() {
        return CheckResult.Kind.SITE;
    }

    @Override
    public String proves() {
        return "init_host: libvirtd of " + host.name() + " at [libvirt] connection_uri";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        Optional<CheckResult> skipped = LibvirtOnly.skipUnlessUri(this, host, "libvirt version (its QEMU version is "
                + "agent_reachable's)");
        if (skipped.isPresent()) {
            return List.of(skipped.get());
        }
        HostVersions v = context.site().versions(host);
        context.versions(host, v);
        return List.of(verdict(true, host.uri() + ": libvirt " + v.libvirt() + ", QEMU " + v.qemu()
                + " (hostname " + v.hostname() + ")"));
    }
}
