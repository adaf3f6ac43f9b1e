package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.CliConfig;
import dev.novalibvirt.cli.conformance.ConformanceSite;
import dev.novalibvirt.cli.conformance.FakeSite;
import dev.novalibvirt.cli.conformance.SiteConfig;
import dev.novalibvirt.cli.port.CephCluster;
import dev.novalibvirt.cli.port.DrainDrivers;
import dev.novalibvirt.cli.port.DrainEnds;
import dev.novalibvirt.cli.port.EvacuationHosts;
import dev.novalibvirt.cli.port.Fencing;
import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.cli.port.GuestInventory;
import dev.novalibvirt.cli.port.MigrationDrivers;
import dev.novalibvirt.cli.port.MigrationEnds;
import dev.novalibvirt.cli.port.MigrationJob;
import dev.novalibvirt.cli.port.RunningMigrations;
import dev.novalibvirt.cli.port.Services;
import dev.novalibvirt.core.ceph.CephConf;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.libvirt.monrefresh.DomainRefreshReport;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.migration.evacuate.EvacuationStorage;
import dev.novalibvirt.libvirt.host.SourceMigrationJob;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.migration.xml.MonitorAddress;
import dev.novalibvirt.migration.xml.MonitorAddressSource;
import dev.novalibvirt.rbd.LockOwner;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.fence.CephBlocklist;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** In-memory answers for the commands; records what was asked. */
final class FakeServices implements Services {
    // libvirtd
    final List<GuestDefinition> guests = new ArrayList<>();
    long qemuPacked = 7_002_000;
    List<DomainRefreshReport> refreshReports = List.of();
    String openedUri;
    Boolean openedReadOnly;
    Optional<String> refreshedDomain;
    List<MonitorAddress> refreshedWith;
    boolean inventoryClosed;
    // ceph
    List<MonitorAddress> monitors = List.of(new MonitorAddress("198.18.0.2", "6789"));
    final Map<String, RbdDriver.Holders> holders = new HashMap<>();
    final Map<String, List<LockOwner>> owners = new HashMap<>();
    List<CephBlocklist.Entry> blocklist = List.of();
    boolean cephClosed;
    RuntimeException cephFailure;
    // fencing
    RbdConfig fencingIdentity;
    final List<String> fenced = new ArrayList<>();
    Duration fencedFor;
    final Map<String, List<String>> entriesOnIp = new LinkedHashMap<>();
    final Map<String, List<String>> resolves = new HashMap<>();
    // migrations
    FakeDriver source = new FakeDriver("compute-1");
    FakeDriver destination = new FakeDriver("compute-2");
    MigrationEnds ends;
    final Map<String, MigrationJob> jobs = new HashMap<>();
    final Map<String, SourceMigrationJob.Phase> phases = new HashMap<>();
    // drains: the source is {@link #source}, a destination per --to host (made on first use)
    final Map<String, FakeDriver> drainDestinations = new LinkedHashMap<>();
    DrainEnds drainEnds;
    RuntimeException drainDriversFailure;
    final List<String> jobCalls = new ArrayList<>();
    // evacuations: a driver per host (made on first use), the storage as the admin sees it
    final Map<String, FakeDriver> evacuationDrivers = new LinkedHashMap<>();
    List<DrainEnds.Host> evacuationHostsOpened;
    RbdConfig evacuationIdentity;
    Duration evacuationExpiry;
    final Set<String> fencedHosts = new HashSet<>();
    /** Per instance uuid: the address of a live client that holds its disk (another host runs it). */
    final Map<String, String> diskHeldBy = new HashMap<>();
    final List<String> storageCalls = new ArrayList<>();
    String jobsUri;
    // host files
    final Map<Path, CephConf> cephConfs = new HashMap<>();
    Optional<ComponentVersion> cephVersion = Optional.of(ComponentVersion.of(16, 2));
    // conformance run
    final FakeSite site = new FakeSite();
    SiteConfig siteConfig;

    @Override
    public GuestInventory guests(CliConfig config, String uri, boolean readOnly) {
        openedUri = uri;
        openedReadOnly = readOnly;
        return new GuestInventory() {
            @Override
            public String uri() {
                return uri;
            }

            @Override
            public long hypervisorVersion() {
                return qemuPacked;
            }

            @Override
            public List<GuestDefinition> guests(Optional<String> domain) {
                if (domain.isEmpty()) {
                    return List.copyOf(guests);
                }
                return List.of(guests.stream().filter(g -> g.name().equals(domain.get())).findFirst()
                        .orElseThrow(() -> new InstanceNotFound(domain.get())));
            }

            @Override
            public List<DomainRefreshReport> refresh(Optional<String> domain, MonitorAddressSource source) {
                refreshedDomain = domain;
                refreshedWith = source.monitorAddresses();
                return refreshReports;
            }

            @Override
            public void close() {
                inventoryClosed = true;
            }
        };
    }

    @Override
    public CephCluster ceph(CliConfig config) {
        if (cephFailure != null) {
            throw cephFailure;
        }
        return new CephCluster() {
            @Override
            public List<MonitorAddress> monitors() {
                return monitors;
            }

            @Override
            public Optional<RbdDriver.Holders> holders(String pool, String image) {
                return Optional.ofNullable(holders.get(pool + "/" + image));
            }

            @Override
            public List<LockOwner> lockOwners(String pool, String image) {
                return owners.getOrDefault(pool + "/" + image, List.of());
            }

            @Override
            public List<CephBlocklist.Entry> blocklist() {
                return blocklist;
            }

            @Override
            public void close() {
                cephClosed = true;
            }
        };
    }

    @Override
    public Fencing fencing(RbdConfig admin) {
        fencingIdentity = admin;
        return new Fencing() {
            @Override
            public String fenceHost(String ip, Duration expiry) {
                fenced.add(ip);
                fencedFor = expiry;
                return ip + ":0/0";
            }

            @Override
            public List<String> unfenceHost(String ip) {
                return entriesOnIp.getOrDefault(ip, List.of());
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public List<String> addresses(String host) {
        return resolves.getOrDefault(host, List.of(host));
    }

    @Override
    public Optional<CephConf> cephConf(Path file) {
        return Optional.ofNullable(cephConfs.get(file));
    }

    @Override
    public Optional<ComponentVersion> cephVersion() {
        return cephVersion;
    }

    @Override
    public MigrationDrivers migrationDrivers(MigrationEnds value, MigrationListener listener) {
        ends = value;
        source.listener = listener;
        return new MigrationDrivers() {
            @Override
            public ComputeDriver source() {
                return source;
            }

            @Override
            public ComputeDriver destination() {
                return destination;
            }

            @Override
            public void close() {
                source.close();
                destination.close();
            }
        };
    }

    FakeDriver drainDestination(String host) {
        return drainDestinations.computeIfAbsent(host, FakeDriver::new);
    }

    @Override
    public DrainDrivers drainDrivers(DrainEnds value, MigrationListener listener) {
        drainEnds = value;
        if (drainDriversFailure != null) {
            throw drainDriversFailure;
        }
        source.listener = listener;
        List<ComputeDriver> dests = value.destinations().stream()
                .<ComputeDriver>map(h -> drainDestination(h.name())).toList();
        return new DrainDrivers() {
            @Override
            public ComputeDriver source() {
                return source;
            }

            @Override
            public List<ComputeDriver> destinations() {
                return dests;
            }

            @Override
            public void close() {
                source.close();
                dests.forEach(ComputeDriver::close);
            }
        };
    }

    FakeDriver evacuationDriver(String host) {
        return evacuationDrivers.computeIfAbsent(host, h -> {
            FakeDriver d = new FakeDriver(h);
            d.definedByDefault = false;
            return d;
        });
    }

    @Override
    public EvacuationHosts evacuationHosts(List<DrainEnds.Host> hosts, RbdConfig admin, Duration expiry) {
        evacuationHostsOpened = hosts;
        evacuationIdentity = admin;
        evacuationExpiry = expiry;
        List<ComputeDriver> drivers = hosts.stream().<ComputeDriver>map(h -> evacuationDriver(h.name())).toList();
        EvacuationStorage storage = new EvacuationStorage() {
            @Override
            public boolean isFenced(String host) {
                return fencedHosts.contains(host);
            }

            @Override
            public List<String> fence(String host) {
                storageCalls.add("fence " + host);
                fencedHosts.add(host);
                return addresses(host).stream().map(ip -> ip + ":0/0").toList();
            }

            @Override
            public List<String> checkCanRebuild(Instance instance) {
                storageCalls.add("check " + instance.name());
                String holder = diskHeldBy.get(instance.uuid());
                if (holder != null) {
                    throw new NovaException("RBD image vms/" + instance.uuid() + "_disk of instance "
                            + instance.name() + " is in use by " + holder + " (watcher)");
                }
                return List.of();
            }

            @Override
            public List<String> unfence(String host) {
                storageCalls.add("unfence " + host);
                return fencedHosts.remove(host) ? addresses(host).stream().map(ip -> ip + ":0/0").toList()
                        : List.of();
            }
        };
        return new EvacuationHosts() {
            @Override
            public List<ComputeDriver> hosts() {
                return drivers;
            }

            @Override
            public EvacuationStorage storage() {
                return storage;
            }

            @Override
            public void close() {
                drivers.forEach(ComputeDriver::close);
            }
        };
    }

    @Override
    public RunningMigrations runningMigrations(String uri) {
        jobsUri = uri;
        return new RunningMigrations() {
            @Override
            public String uri() {
                return uri;
            }

            @Override
            public MigrationJob job(String domain) {
                return jobs.getOrDefault(domain, new MigrationJob(domain, "NONE", 0, 0, 0, 0));
            }

            @Override
            public void abortJob(String domain) {
                jobCalls.add("abortJob " + domain);
            }

            @Override
            public void pause(String domain) {
                jobCalls.add("pause " + domain);
            }

            @Override
            public SourceMigrationJob.Phase phase(String domain) {
                return phases.getOrDefault(domain, SourceMigrationJob.Phase.RUNNING);
            }

            @Override
            public void startPostCopy(String domain) {
                jobCalls.add("startPostCopy " + domain);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public ConformanceSite conformanceSite(SiteConfig config) {
        siteConfig = config;
        return site;
    }
}
