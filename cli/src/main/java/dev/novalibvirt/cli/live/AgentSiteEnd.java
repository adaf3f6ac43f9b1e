package dev.novalibvirt.cli.live;

import dev.novalibvirt.cli.conformance.SiteHost;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.migration.task.truth.HostProbe;
import dev.novalibvirt.migration.task.truth.HostView;
import dev.novalibvirt.migration.task.truth.InstanceDir;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A host reached through its agent: every step is the agent's ({@code RemoteComputeDriver}), and what is left there
 * is asked of it too: the domain with Nova's {@code instance_exists}, the instance dir with recovery's look
 * ({@code get_live_migration_recovery_info}), since that dir is on the host's file system, not this machine's. A
 * look the agent cannot answer is a leftover line saying so, never "nothing left".
 */
final class AgentSiteEnd implements SiteEnd {
    private final SiteHost host;
    private final ComputeDriver remote;
    private final HostProbe probe;

    AgentSiteEnd(SiteHost host, ComputeDriver remote, HostProbe probe) {
        this.host = Objects.requireNonNull(host, "host");
        this.remote = Objects.requireNonNull(remote, "remote");
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    @Override
    public ComputeDriver driver() {
        return remote;
    }

    @Override
    public List<String> leftovers(Instance instance) {
        List<String> left = new ArrayList<>();
        if (remote.instanceExists(instance)) {
            left.add("domain " + instance.name() + " on " + host.name() + " (its agent's instance_exists)");
        }
        HostView view = probe.view(instance);
        if (!view.reachable()) {
            left.add("instance dir of " + instance.uuid() + " on " + host.name() + " not known: " + view.detail());
        } else if (view.instanceDir() == InstanceDir.PRESENT) {
            left.add("instance dir " + instance.uuid() + " in " + host.name() + "'s instances_path (its agent's look)");
        } else if (view.instanceDir() == InstanceDir.UNKNOWN) {
            left.add("instance dir of " + instance.uuid() + " on " + host.name() + " not known: its agent could "
                    + "not judge it");
        }
        return left;
    }

    /** Nova's destroy with its disks: the agent removes the domain, the instance dir and the disks it finds. */
    @Override
    public void purge(Instance instance) {
        LiveConformanceSite.quietly(() -> remote.destroy(instance, NetworkInfo.none(), BlockDeviceInfo.none(), true,
                false));
    }

    /** Nothing remote: the agent keeps its driver; the connection is the site's. */
    @Override
    public void close() {
        remote.close();
    }
}
