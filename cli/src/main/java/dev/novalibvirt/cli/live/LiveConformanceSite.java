package dev.novalibvirt.cli.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.novalibvirt.cli.conformance.ConformanceSite;
import dev.novalibvirt.cli.conformance.HopOutcome;
import dev.novalibvirt.cli.conformance.SiteConfig;
import dev.novalibvirt.cli.conformance.SiteHost;
import dev.novalibvirt.core.ceph.CephConf;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.libvirt.host.Secret;
import dev.novalibvirt.migration.task.LiveMigrationListener;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.StepReport;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbdlibvirt.RbdLibvirt;
import dev.novalibvirt.rpc.compute.RemoteCompute;
import dev.novalibvirt.rpc.compute.RemoteComputeDriver;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * The operator's site for {@code conformance run}: each host as the config reaches it ({@link SiteEnd}, opened on
 * first use): its driver as {@link RbdLibvirt} assembles it from the nova.conf the config implies (never allowed to
 * define a secret), or a {@link RemoteComputeDriver} to its agent over one connection to the config's broker
 * ({@link RemoteCompute}, as a controller holds one); the cluster as {@code rbd_user} with the config's keyring. The
 * libvirt-only answers (versions, the secret, the domain XML) open the host's libvirtd at its URI. Only the run's own
 * guest is created or removed.
 */
final class LiveConformanceSite implements ConformanceSite {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SiteConfig config;
    private final Function<String, List<String>> resolver;
    private final Optional<ComponentVersion> clientCeph;
    private final Map<String, SiteEnd> ends = new LinkedHashMap<>();
    private RbdDriver ceph;
    private RemoteCompute agents;

    LiveConformanceSite(SiteConfig config, Function<String, List<String>> resolver,
                        Optional<ComponentVersion> clientCeph) {
        this.config = config;
        this.resolver = resolver;
        this.clientCeph = clientCeph;
    }

    private RbdConfig rbd() {
        return RbdConfig.builder(config.cephConf(), config.user()).keyring(config.keyring()).pool(config.pool())
                .imagesPool(config.imagesPool()).secretUuid(config.secretUuid()).build();
    }

    private synchronized RbdDriver ceph() {
        if (ceph == null) {
            ceph = new RbdDriver(rbd());
        }
        return ceph;
    }

    private synchronized SiteEnd end(SiteHost host) {
        SiteEnd end = ends.get(host.name());
        if (end == null) {
            if (host.agent()) {
                if (agents == null) {
                    agents = RemoteCompute.connect(config.agents().orElseThrow());
                }
                RemoteComputeDriver remote = agents.host(host.name());
                end = new AgentSiteEnd(host, remote, remote.probe());
            } else {
                end = LibvirtSiteEnd.open(config, host, clientCeph.orElse(null));
            }
            ends.put(host.name(), end);
        }
        return end;
    }

    private ComputeDriver driver(SiteHost host) {
        return end(host).driver();
    }

    @Override
    public HostVersions versions(SiteHost host) {
        LibvirtInventory.quiet();
        Connect conn = null;
        try {
            conn = new Connect(host.uri(), true);
            return new HostVersions(conn.getHostName(), ComponentVersion.fromPacked(conn.getLibVersion()),
                    ComponentVersion.fromPacked(conn.getVersion()));
        } catch (LibvirtException e) {
            throw new InternalError("cannot reach libvirtd of " + host.name() + " at " + host.uri() + ": "
                    + e.getMessage(), e);
        } finally {
            if (conn != null) {
                try {
                    conn.close();
                } catch (LibvirtException e) {
                    // the connection goes with the process
                }
            }
        }
    }

    /** Nova's {@code get_available_resource} on the host's agent: the host it serves as, QEMU's version. */
    @Override
    public AgentFacts agent(SiteHost host) {
        if (!host.agent()) {
            throw new InternalError(host.name() + " is not reached through its agent");
        }
        ComputeInfo info = driver(host).getAvailableResource();
        return new AgentFacts(info.host(), info.hypervisorType(),
                ComponentVersion.fromPacked(info.hypervisorVersion()));
    }

    /** The monitors' {@code version}; the fsid is read first, so an unreachable cluster fails here. */
    @Override
    public String cephClusterVersion() {
        String fsid = ceph().fsid();
        try {
            String out = ceph().monCommands().command(Map.of("prefix", "version")).output();
            return JSON.readTree(out).path("version").asText("unknown").replaceFirst("^ceph version ", "");
        } catch (IOException | RuntimeException e) {
            // a cephx user without the mon's read cap: the cluster answered, its release is not known
            return "unknown (fsid " + fsid + "; mon 'version' refused)";
        }
    }

    @Override
    public Optional<ComponentVersion> cephClientVersion() {
        return clientCeph;
    }

    @Override
    public CephConf cephConf() {
        return CephConf.read(config.cephConf());
    }

    @Override
    public SecretState secret(SiteHost host) {
        Optional<byte[]> key = RbdLibvirt.keySource(rbd()).cephxKey();
        if (key.isEmpty()) {
            return SecretState.NO_KEY;
        }
        byte[] value = null;
        try (Host h = Host.open(host.uri())) {
            Optional<Secret> secret = h.findSecret(config.secretUuid());
            if (secret.isEmpty()) {
                return SecretState.MISSING;
            }
            value = secret.get().value().orElse(null);
            if (value == null) {
                return SecretState.NO_VALUE;
            }
            return MessageDigest.isEqual(value, key.get()) ? SecretState.MATCHES : SecretState.DIFFERENT;
        } finally {
            Arrays.fill(key.get(), (byte) 0);
            if (value != null) {
                Arrays.fill(value, (byte) 0);
            }
        }
    }

    @Override
    public BaseImageState baseImage() {
        RbdDriver c = ceph();
        if (!c.exists(config.imagesPool(), config.imageId(), config.imageSnap())) {
            return new BaseImageState(false, 0, List.of());
        }
        return new BaseImageState(true, c.size(config.imagesPool(), config.imageId()),
                c.snapshots(config.imagesPool(), config.imageId()).stream()
                        .map(s -> s.name() + " " + s.sizeBytes() + (s.isProtected() ? " protected" : "")).toList());
    }

    @Override
    public void spawn(SiteHost host, Instance instance) {
        ImageMeta image = new ImageMeta(config.imageId(), "raw", "rbd://" + ceph().fsid() + "/" + config.imagesPool()
                + "/" + config.imageId() + "/" + config.imageSnap());
        driver(host).spawn(instance, image, NetworkInfo.none(), BlockDeviceInfo.none(), true);
    }

    @Override
    public boolean runs(SiteHost host, Instance instance) {
        ComputeDriver d = driver(host);
        return d.instanceExists(instance) && d.getInfo(instance).state() == PowerState.RUNNING;
    }

    @Override
    public String domainXml(SiteHost host, Instance instance, boolean persistent) {
        int flags = persistent ? Guest.XML_INACTIVE : 0;
        if (end(host) instanceof LibvirtSiteEnd libvirt) {
            return libvirt.driver().libvirtHost().guest(instance.name()).xml(flags);
        }
        // an agent's host: its libvirtd at the URI the config gives for the libvirt-only checks, only read
        try (Host h = Host.open(host.uri())) {
            return h.guest(instance.name()).xml(flags);
        }
    }

    @Override
    public HopOutcome migrate(SiteHost from, SiteHost to, Instance instance) {
        List<StepReport> steps = Collections.synchronizedList(new ArrayList<>());
        try {
            LiveMigrationResult r = LiveMigrationTask.builder(driver(from), driver(to))
                    .listener(LiveMigrationListener.onStepFinished(steps::add)).build()
                    .run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
            return new HopOutcome(steps, Optional.of(r), null);
        } catch (RuntimeException e) {
            return new HopOutcome(steps, Optional.empty(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public void destroy(SiteHost host, Instance instance) {
        driver(host).destroy(instance, NetworkInfo.none(), BlockDeviceInfo.none(), true, false);
    }

    @Override
    public List<String> leftovers(Instance instance) {
        List<String> left = new ArrayList<>();
        for (SiteHost h : config.hosts()) {
            left.addAll(end(h).leftovers(instance));
        }
        ceph().list(config.pool()).stream().filter(n -> n.startsWith(instance.uuid()))
                .forEach(n -> left.add("RBD image " + config.pool() + "/" + n));
        return left;
    }

    @Override
    public void purge(Instance instance) {
        for (SiteHost h : config.hosts()) {
            quietly(() -> end(h).purge(instance));
        }
        quietly(() -> ceph().cleanupInstance(config.pool(), instance.uuid()));
    }

    static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            // best effort: nothing_left has already reported what was there
        }
    }

    @Override
    public List<String> addresses(String host) {
        return resolver.apply(host);
    }

    @Override
    public synchronized void close() {
        List<AutoCloseable> all = new ArrayList<>(ends.values());
        if (agents != null) {
            all.add(agents);
        }
        if (ceph != null) {
            all.add(ceph);
        }
        RuntimeException first = null;
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                first = first == null ? new InternalError("closing the site: " + e.getMessage(), e) : first;
            }
        }
        ends.clear();
        agents = null;
        ceph = null;
        if (first != null) {
            throw first;
        }
    }
}
