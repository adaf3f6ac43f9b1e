package dev.novalibvirt.cli.port;

import dev.novalibvirt.cli.config.CliConfig;
import dev.novalibvirt.cli.conformance.ConformanceSite;
import dev.novalibvirt.cli.conformance.SiteConfig;
import dev.novalibvirt.core.ceph.CephConf;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.rbd.RbdConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a command asks of the outside world, so the commands are pure logic over these answers: the live
 * implementation talks to libvirtd and Ceph, the unit tests' fakes answer from memory.
 */
public interface Services {
    /** A connection to the libvirtd at {@code uri}; read-only unless the command redefines domains. */
    GuestInventory guests(CliConfig config, String uri, boolean readOnly);

    /** The cluster as nova.conf's {@code rbd_user}. */
    CephCluster ceph(CliConfig config);

    /** Fencing as {@code admin} (an identity of its own, see {@link CliConfig#admin}). */
    Fencing fencing(RbdConfig admin);

    /** The IP addresses of {@code host}: the literal itself, else what the resolver says. */
    List<String> addresses(String host);

    /** The ceph.conf at {@code file} as librados reads it; empty when there is none (librados' defaults apply). */
    Optional<CephConf> cephConf(Path file);

    /** The Ceph release of this machine's client libraries ({@code ceph --version}); empty when unknown. */
    Optional<ComponentVersion> cephVersion();

    /**
     * The drivers of a migration between {@code ends}; the source's migration monitor reports to {@code listener}
     * (byte progress, downtime, the end).
     */
    MigrationDrivers migrationDrivers(MigrationEnds ends, MigrationListener listener);

    /**
     * The drivers of a drain of {@code ends}' source; the source's migration monitor reports to {@code listener}
     * for every guest (each event names its domain).
     */
    DrainDrivers drainDrivers(DrainEnds ends, MigrationListener listener);

    /**
     * The drivers of {@code hosts} and the evacuation's storage side as {@code admin} (fencing for {@code expiry},
     * a host's addresses as {@link #addresses} gives them).
     */
    EvacuationHosts evacuationHosts(List<DrainEnds.Host> hosts, RbdConfig admin, Duration expiry);

    /** The migration jobs of the libvirtd at {@code uri} (abort and force-complete from another process). */
    RunningMigrations runningMigrations(String uri);

    /** The two hosts and the cluster a conformance config names; opens nothing before the checks ask. */
    ConformanceSite conformanceSite(SiteConfig config);
}
