package dev.novalibvirt.cli.live;

import dev.novalibvirt.cli.config.CliConfig;
import dev.novalibvirt.cli.config.CliUsageException;
import dev.novalibvirt.cli.conformance.ConformanceSite;
import dev.novalibvirt.cli.conformance.SiteConfig;
import dev.novalibvirt.cli.port.CephCluster;
import dev.novalibvirt.cli.port.DrainDrivers;
import dev.novalibvirt.cli.port.DrainEnds;
import dev.novalibvirt.cli.port.EvacuationHosts;
import dev.novalibvirt.cli.port.Fencing;
import dev.novalibvirt.cli.port.GuestInventory;
import dev.novalibvirt.cli.port.MigrationDrivers;
import dev.novalibvirt.cli.port.MigrationEnds;
import dev.novalibvirt.cli.port.RunningMigrations;
import dev.novalibvirt.cli.port.Services;
import dev.novalibvirt.core.ceph.CephConf;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbdlibvirt.RbdLibvirt;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The real {@link Services}: libvirtd through libvirt-java, Ceph through rbd-imagebackend. */
public final class LiveServices implements Services {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    @Override
    public GuestInventory guests(CliConfig config, String uri, boolean readOnly) {
        return LibvirtInventory.open(uri, readOnly);
    }

    @Override
    public CephCluster ceph(CliConfig config) {
        return new RbdCephCluster(new RbdDriver(config.rbd()));
    }

    @Override
    public Fencing fencing(RbdConfig admin) {
        return new AdminFencing(new RbdDriver(admin));
    }

    @Override
    public List<String> addresses(String host) {
        String h = host == null ? "" : host.strip();
        if (IPV4.matcher(h).matches() || h.contains(":")) {
            return List.of(h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h);
        }
        try {
            return Arrays.stream(InetAddress.getAllByName(h)).map(InetAddress::getHostAddress).distinct().toList();
        } catch (UnknownHostException e) {
            throw new CliUsageException("cannot resolve host '" + h + "'; give its IP address");
        }
    }

    @Override
    public Optional<CephConf> cephConf(Path file) {
        return Files.exists(file) ? Optional.of(CephConf.read(file)) : Optional.empty();
    }

    /** {@code ceph --version} (ceph-common), as the assembly reads it; empty when it is not installed. */
    @Override
    public Optional<ComponentVersion> cephVersion() {
        return RbdLibvirt.installedCephVersion();
    }

    @Override
    public MigrationDrivers migrationDrivers(MigrationEnds ends, MigrationListener listener) {
        return LiveMigrationDrivers.open(ends, listener, cephVersion().orElse(null));
    }

    @Override
    public DrainDrivers drainDrivers(DrainEnds ends, MigrationListener listener) {
        return LiveDrainDrivers.open(ends, listener, cephVersion().orElse(null));
    }

    @Override
    public EvacuationHosts evacuationHosts(List<DrainEnds.Host> hosts, RbdConfig admin, Duration expiry) {
        return LiveEvacuationHosts.open(hosts, admin, expiry, this::addresses, cephVersion().orElse(null));
    }

    @Override
    public RunningMigrations runningMigrations(String uri) {
        return LibvirtJobs.open(uri);
    }

    @Override
    public ConformanceSite conformanceSite(SiteConfig config) {
        return new LiveConformanceSite(config, this::addresses, cephVersion());
    }
}
