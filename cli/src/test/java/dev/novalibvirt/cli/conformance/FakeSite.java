package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.core.ceph.CephConf;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.Step;
import dev.novalibvirt.migration.task.StepReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A site in memory: two libvirtds (or agents) that answer, a cluster, a base image; the guest lives in a map.
 * Secrets, monitors and failures are set per test; every call that would change the site is recorded. A libvirt-only
 * question about a host the config gives no libvirt URI for is this test failing (an {@link AssertionError}, which
 * the runner does not catch): the checks must skip it instead.
 */
public final class FakeSite implements ConformanceSite {
    public final Map<String, SecretState> secrets = new HashMap<>();
    public final Set<String> unreachable = new HashSet<>();
    public final List<String> calls = new ArrayList<>();
    public final List<String> extraLeftovers = new ArrayList<>();
    /** The host an agent answers as, by the host it is asked as (default: itself). */
    public final Map<String, String> agentAnswersAs = new HashMap<>();
    public String cephConfText = "[global]\nmon host = 198.18.0.1,198.18.0.2\n";
    public List<String> diskMonitors = List.of("198.18.0.1", "198.18.0.2");
    public String diskCache = "writeback";
    public ComponentVersion qemu = ComponentVersion.of(7, 2);
    public Optional<ComponentVersion> clientCeph = Optional.of(ComponentVersion.of(17, 2));
    public boolean baseImageChanges;
    public RuntimeException spawnFailure;
    public boolean closed;
    /** Where each guest (by name) runs. */
    private final Map<String, String> location = new HashMap<>();
    private final Set<String> disks = new HashSet<>();
    private int baseReads;

    private static void libvirtOnly(SiteHost host, String what) {
        if (!host.hasLibvirtUri()) {
            throw new AssertionError(what + " asked of " + host.name() + ", which has no libvirt URI");
        }
    }

    @Override
    public AgentFacts agent(SiteHost host) {
        if (!host.agent()) {
            throw new AssertionError("the agent of " + host.name() + " asked, which is reached at its libvirtd");
        }
        calls.add("get_available_resource on " + host.name());
        if (unreachable.contains(host.name())) {
            throw new InternalError("MessagingTimeout: Timed out waiting for a reply (get_available_resource)");
        }
        return new AgentFacts(agentAnswersAs.getOrDefault(host.name(), host.name()), "QEMU", qemu);
    }

    @Override
    public HostVersions versions(SiteHost host) {
        libvirtOnly(host, "versions");
        if (unreachable.contains(host.name())) {
            throw new InternalError("cannot reach libvirtd of " + host.name() + " at " + host.uri()
                    + ": Connection refused");
        }
        return new HostVersions(host.name() + ".example", ComponentVersion.of(9, 0), qemu);
    }

    @Override
    public String cephClusterVersion() {
        return "17.2.7 (b12291d110049b2f35e32e0de30d70e9a4c060d2) quincy (stable)";
    }

    @Override
    public Optional<ComponentVersion> cephClientVersion() {
        return clientCeph;
    }

    @Override
    public CephConf cephConf() {
        return CephConf.parse(cephConfText);
    }

    @Override
    public SecretState secret(SiteHost host) {
        libvirtOnly(host, "the secret");
        return secrets.getOrDefault(host.name(), SecretState.MATCHES);
    }

    @Override
    public BaseImageState baseImage() {
        baseReads++;
        return new BaseImageState(true, 41943040L, baseImageChanges && baseReads > 1
                ? List.of("snap 41943040 protected", "written-by-mistake 41943040") : List.of("snap 41943040 protected"));
    }

    @Override
    public void spawn(SiteHost host, Instance instance) {
        calls.add("spawn " + instance.name() + " on " + host.name());
        if (spawnFailure != null) {
            disks.add(instance.uuid() + "_disk");
            throw spawnFailure;
        }
        disks.add(instance.uuid() + "_disk");
        location.put(instance.name(), host.name());
    }

    @Override
    public boolean runs(SiteHost host, Instance instance) {
        return host.name().equals(location.get(instance.name()));
    }

    @Override
    public String domainXml(SiteHost host, Instance instance, boolean persistent) {
        libvirtOnly(host, "the domain XML");
        StringBuilder hosts = new StringBuilder();
        diskMonitors.forEach(m -> hosts.append("<host name='").append(m).append("' port='6789'/>"));
        return "<domain type='qemu'><name>" + instance.name() + "</name><uuid>" + instance.uuid() + "</uuid>"
                + "<memory unit='KiB'>65536</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>"
                + "<devices><disk type='network' device='disk'><driver name='qemu' type='raw'"
                + (diskCache == null ? "" : " cache='" + diskCache + "'") + "/>"
                + "<source protocol='rbd' name='vms/" + instance.uuid() + "_disk'>" + hosts + "</source>"
                + "<target dev='vda' bus='virtio'/></disk></devices></domain>";
    }

    @Override
    public HopOutcome migrate(SiteHost from, SiteHost to, Instance instance) {
        calls.add("migrate " + instance.name() + " " + from.name() + " -> " + to.name());
        List<StepReport> steps = new ArrayList<>();
        for (Step step : MigrationHopCheck.CONTRACT) {
            String host = step.side().equals("destination") ? to.name() : from.name();
            // as the library does (in process or on the agent): pre_live_migration checks the destination's secret
            // before it changes anything
            if (step == Step.PRE_LIVE_MIGRATION
                    && secrets.getOrDefault(to.name(), SecretState.MATCHES) != SecretState.MATCHES) {
                String error = "MigrationPreCheckError: libvirt secret 457eb676-33da-42ec-9a8c-9293d545c337 on "
                        + to.name() + " holds a different value than the configured cephx key; QEMU could not "
                        + "open the RBD disks there";
                steps.add(new StepReport(step, host, Duration.ofMillis(12), error));
                return new HopOutcome(steps, Optional.empty(), error);
            }
            steps.add(new StepReport(step, host, Duration.ofMillis(step == Step.LIVE_MIGRATION ? 2100 : 15), null));
        }
        location.put(instance.name(), to.name());
        return new HopOutcome(steps, Optional.of(new LiveMigrationResult("m-1", new LiveMigrationOutcome.Completed(
                to.name()), null, null, steps, Duration.ofMillis(2400))), null);
    }

    @Override
    public void destroy(SiteHost host, Instance instance) {
        calls.add("destroy " + instance.name() + " on " + host.name());
        if (host.name().equals(location.get(instance.name()))) {
            location.remove(instance.name());
            disks.remove(instance.uuid() + "_disk");
        }
    }

    @Override
    public List<String> leftovers(Instance instance) {
        List<String> left = new ArrayList<>(extraLeftovers);
        Optional.ofNullable(location.get(instance.name())).ifPresent(h -> left.add("domain " + instance.name()
                + " on " + h));
        disks.stream().filter(d -> d.startsWith(instance.uuid())).forEach(d -> left.add("RBD image vms/" + d));
        return left;
    }

    @Override
    public void purge(Instance instance) {
        calls.add("purge " + instance.name());
        location.remove(instance.name());
        disks.removeIf(d -> d.startsWith(instance.uuid()));
        extraLeftovers.clear();
    }

    @Override
    public List<String> addresses(String host) {
        return List.of(host);
    }

    @Override
    public void close() {
        closed = true;
    }
}
