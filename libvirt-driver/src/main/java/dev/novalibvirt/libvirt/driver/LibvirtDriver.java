package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.ceph.CacheWarning;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.ceph.HostCacheFactsSource;
import dev.novalibvirt.core.ceph.RbdCacheFacts;
import dev.novalibvirt.core.config.LibvirtOptions;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.LiveMigrationCallbacks;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.driver.Vif;
import dev.novalibvirt.core.exception.InstanceExists;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.InvalidCPUInfo;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.exception.InvalidLocalStorage;
import dev.novalibvirt.core.exception.InvalidSharedStorage;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.exception.NoActiveMigrationForInstance;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.core.image.DiskConfigRequest;
import dev.novalibvirt.core.image.Image;
import dev.novalibvirt.core.image.ImageBackend;
import dev.novalibvirt.core.image.ImageSource;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.core.topology.CleanupPlan;
import dev.novalibvirt.core.topology.StorageTopology;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskSource;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.lock.StartGuard;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.libvirt.host.JobState;
import dev.novalibvirt.libvirt.host.LibvirtErrors;
import dev.novalibvirt.libvirt.monitor.Detection;
import dev.novalibvirt.libvirt.monitor.MonitorJobWaiter;
import dev.novalibvirt.migration.flags.MigrationFlags;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.migration.monitor.MonitorSettings;
import dev.novalibvirt.migration.uri.MigrationUris;
import dev.novalibvirt.migration.xml.DomXml;
import dev.novalibvirt.migration.xml.GuestXmlUpdater;
import dev.novalibvirt.migration.xml.MigrationXmlContext;
import dev.novalibvirt.migration.xml.MonitorAddress;
import dev.novalibvirt.migration.xml.MonitorAddressSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.libvirt.CPUCompareResult;
import org.libvirt.Domain.DomainMigrateParameters;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;
import org.libvirt.TypedUlongParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The {@link ComputeDriver} over one libvirtd with an injected image backend; mirrors the live-migration path of
 * {@code nova.virt.libvirt.driver.LibvirtDriver}. One instance manages one compute host. Configuration, the image
 * backend, the monmap source, the cephx key source, the bridge probe and the migration job waiter are injected;
 * nothing reads global state.
 */
public final class LibvirtDriver implements ComputeDriver {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtDriver.class);
    private static final long GIB = 1024L * 1024 * 1024;

    private final NovaConfig config;
    private final LibvirtOptions libvirt;
    private final Host host;
    private final ImageBackend imageBackend;
    private final MonitorAddressSource monitors;
    private final CephxKeySource cephxKeys;
    private final boolean allowSecretDefine;
    private final BridgeProbe bridges;
    private final MigrationJobWaiter jobWaiter;
    private final StartGuard startGuard;
    private final HostCacheFactsSource cacheFacts;
    private final InstanceDirs dirs;
    private final ExecutorService migrationThreads;
    private final Map<String, ActiveMigration> activeMigrations = new ConcurrentHashMap<>();

    /** A running migration: the guest, and whether force-complete paused it (Nova's "unpause" recover task). */
    private static final class ActiveMigration {
        final Guest guest;
        volatile boolean pausedByForceComplete;
        volatile boolean abortRequested;

        ActiveMigration(Guest guest) {
            this.guest = guest;
        }
    }

    private LibvirtDriver(Builder b) {
        this.config = b.config;
        this.libvirt = config.libvirt();
        this.host = b.host;
        this.imageBackend = b.imageBackend;
        this.monitors = DriverParts.monitors(b.monitors, imageBackend, config);
        this.cephxKeys = b.cephxKeys == null ? CephxKeySource.none() : b.cephxKeys;
        this.allowSecretDefine = b.allowSecretDefine;
        this.bridges = b.bridges == null ? BridgeProbe.sysfs() : b.bridges;
        this.jobWaiter = b.jobWaiter == null
                ? new MonitorJobWaiter(defaultMonitorSettings(libvirt),
                        b.migrationListener == null ? MigrationListener.NONE : b.migrationListener, Detection.EVENTS)
                : b.jobWaiter;
        this.startGuard = b.startGuard == null ? StartGuard.NONE : b.startGuard;
        this.cacheFacts = b.cacheFacts != null ? b.cacheFacts
                : RbdCacheCheck.defaultSource(config.defaults().host(), this.host::hypervisorVersion,
                        libvirt.imagesRbdCephConf(), libvirt.rbdUser(), b.cephVersion);
        this.dirs = new InstanceDirs(config.defaults().instancesPath());
        this.migrationThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "live-migration-" + config.defaults().host());
            t.setDaemon(true);
            return t;
        });
        config.validate();
        try {
            Files.createDirectories(dirs.instancesPath());
        } catch (IOException e) {
            throw new InvalidConfiguration("instances_path " + dirs.instancesPath() + " cannot be created: "
                    + e.getMessage());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default job waiter's monitor settings: nova.conf's {@code [libvirt]} live-migration options, with the
     * convergence policy on when {@code live_migration_convergence_policy} (ours) says so.
     */
    static MonitorSettings defaultMonitorSettings(LibvirtOptions libvirt) {
        return MonitorSettings.from(libvirt, libvirt.liveMigrationConvergencePolicy());
    }

    /**
     * Builder of a driver. Required: config, host and image backend; for images_type=rbd also a monitor source,
     * which defaults to the image backend's when it reports monitors (the RBD backend does). A missing part is an
     * {@link InvalidConfiguration} naming it and how to supply it.
     */
    public static final class Builder {
        private NovaConfig config;
        private Host host;
        private ImageBackend imageBackend;
        private MonitorAddressSource monitors;
        private CephxKeySource cephxKeys;
        private boolean allowSecretDefine;
        private BridgeProbe bridges;
        private MigrationJobWaiter jobWaiter;
        private MigrationListener migrationListener;
        private StartGuard startGuard;
        private HostCacheFactsSource cacheFacts;
        private ComponentVersion cephVersion;

        private Builder() {
        }

        public Builder config(NovaConfig value) {
            this.config = value;
            return this;
        }

        /**
         * The libvirtd this driver manages, opened with {@link Host#open} (which starts libvirt's event loop first,
         * so migrations are watched by events, not polling). The driver closes it, also when {@link #build()} fails.
         */
        public Builder host(Host value) {
            this.host = value;
            return this;
        }

        public Builder imageBackend(ImageBackend value) {
            this.imageBackend = value;
            return this;
        }

        /**
         * The live monmap, read whenever an RBD disk element is written; by default the image backend's
         * ({@link ImageBackend#currentMonitors()}) when it reports monitors.
         */
        public Builder monitors(MonitorAddressSource value) {
            this.monitors = value;
            return this;
        }

        /** The cephx key to verify (and, if allowed, define) the libvirt secret with. */
        public Builder cephxKeys(CephxKeySource value, boolean allowDefine) {
            this.cephxKeys = value;
            this.allowSecretDefine = allowDefine;
            return this;
        }

        public Builder bridges(BridgeProbe value) {
            this.bridges = value;
            return this;
        }

        /** Replaces the default job waiter (the monitor module's seam). */
        public Builder jobWaiter(MigrationJobWaiter value) {
            this.jobWaiter = value;
            return this;
        }

        /** Hears the default job waiter's events of each migration from this host: byte progress, downtime, end. */
        public Builder migrationListener(MigrationListener value) {
            this.migrationListener = value;
            return this;
        }

        /** Consulted by spawn before the guest is defined (e.g. the fence package's DiskGuard); none by default. */
        public Builder startGuard(StartGuard value) {
            this.startGuard = value;
            return this;
        }

        /**
         * Where the live-migration pre-checks read this host's librbd cache facts; by default QEMU's version from
         * libvirt, {@code images_rbd_ceph_conf}, {@code rbd_user} and {@link #cephVersion}.
         */
        public Builder cacheFacts(HostCacheFactsSource value) {
            this.cacheFacts = value;
            return this;
        }

        /** The librbd (Ceph) version QEMU loads on this host, for the default cache facts; unset = unknown. */
        public Builder cephVersion(ComponentVersion value) {
            this.cephVersion = value;
            return this;
        }

        /** @throws InvalidConfiguration naming a missing part and how to supply it, or options that cannot work */
        public LibvirtDriver build() {
            try {
                DriverParts.requireParts(config, host, imageBackend, jobWaiter, migrationListener);
                return new LibvirtDriver(this);
            } catch (RuntimeException e) {
                if (host != null) {
                    host.close(); // handed over to a driver that will not exist
                }
                throw e;
            }
        }
    }

    /** The libvirt host wrapper (for tests and the monitor module). */
    public Host libvirtHost() {
        return host;
    }

    /** This host's instance directories. */
    public InstanceDirs instanceDirs() {
        return dirs;
    }

    public NovaConfig config() {
        return config;
    }

    @Override
    public String host() {
        return config.defaults().host();
    }

    /** Host facts that only change when libvirtd/QEMU are upgraded, which also means a new driver. */
    private volatile ComputeInfo hostFacts;

    @Override
    public ComputeInfo getAvailableResource() {
        long freeGb;
        try {
            freeGb = Files.getFileStore(dirs.instancesPath()).getUsableSpace() / GIB;
        } catch (IOException e) {
            freeGb = 0;
        }
        ComputeInfo facts = hostFacts;
        if (facts == null) {
            facts = new ComputeInfo(host(), host.hypervisorType(), host.hypervisorVersion(), hostCpuXml(), 0, 0);
            hostFacts = facts;
        }
        return new ComputeInfo(facts.host(), facts.hypervisorType(), facts.hypervisorVersion(), facts.cpuInfo(),
                freeGb, freeGb);
    }

    private String hostCpuXml() {
        Document caps = DomXml.parse(host.capabilities());
        Element hostEl = DomXml.child(caps.getDocumentElement(), "host");
        Element cpu = hostEl == null ? null : DomXml.child(hostEl, "cpu");
        if (cpu == null) {
            return null;
        }
        Document d = DomXml.parse("<cpu/>");
        Element copy = (Element) d.importNode(cpu, true);
        d.replaceChild(copy, d.getDocumentElement());
        return DomXml.print(d);
    }

    // ------------------------------------------------------------------ spawn / destroy / cleanup / info

    @Override
    public void spawn(Instance instance, ImageMeta imageMeta, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo,
                      boolean powerOn) {
        if (host.findGuest(instance.name()).isPresent()) {
            throw new InstanceExists("Instance " + instance.name() + " already exists on " + host());
        }
        requireBridges(networkInfo, "spawn");
        if (instance.isVolumeBacked()) {
            throw new NovaException("instance " + instance.uuid() + ": booting from a volume is not supported yet");
        }
        String uuid = instance.uuid();
        boolean createdDir = dirs.ensureInstanceDir(uuid);
        Image root = imageBackend.image(InstanceDisk.root(uuid));
        boolean createdDisk = false;
        Guest guest = null;
        try {
            dirs.touchConsoleLog(uuid);
            if (!root.exists()) {
                ImageSource source = imageMeta.location() != null
                        ? new ImageSource.Location(imageMeta.location(), imageMeta.diskFormat())
                        : new ImageSource.GlanceImage(imageMeta.id());
                // root_gb 0 is Nova's size=None: the disk keeps the image's size (Image.create's 0)
                root.create(source, instance.rootGb() * GIB);
                createdDisk = true;
            }
            // The backend writes its own disk element (for RBD: monitors of the live monmap, cephx auth).
            String diskXml = DomainXml.writeDisk(root.libvirtInfo(
                    DiskConfigRequest.virtio("vda", libvirt.diskCachemodes().forSourceType("network", "none"))));
            GuestConfig gc = new GuestConfig(libvirt.virtType(), diskXml, dirs.consoleLog(uuid),
                    config.consoles().vncEnabled() ? config.consoles().vncServerListen() : null);
            // another host may still run this guest from the same shared disk (e.g. an evacuation before fencing)
            startGuard.checkCanStart(instance.name(), List.of(root.path()));
            guest = host.define(instance.name(), gc.toXml(instance, networkInfo));
            if (powerOn) {
                guest.launch();
                waitForState(guest, PowerState.RUNNING, 30_000);
            }
        } catch (RuntimeException e) {
            LOG.warn("spawn of {} failed, undoing what it created: {}", uuid, e.getMessage());
            if (guest != null) {
                guest.poweroff();
                guest.undefine();
            }
            if (createdDisk) {
                root.remove();
            }
            if (createdDir) {
                dirs.removeInstanceDir(uuid);
            }
            throw e;
        }
    }

    private List<MonitorAddress> currentMonitors() {
        List<MonitorAddress> mons = monitors.monitorAddresses();
        if (mons == null || mons.isEmpty()) {
            throw new NovaException("the Ceph monmap lists no monitors");
        }
        return mons;
    }

    private static void waitForState(Guest guest, PowerState wanted, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (guest.info().state() != wanted) {
            if (System.nanoTime() > deadline) {
                throw new NovaException("domain " + guest.name() + " did not reach " + wanted);
            }
            sleep(100);
        }
    }

    @Override
    public void destroy(Instance instance, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo,
                        boolean destroyDisks, boolean destroySecrets) {
        host.findGuest(instance.name()).ifPresent(g -> {
            g.poweroff();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    if (!g.isActive() || System.nanoTime() > deadline) {
                        break;
                    }
                } catch (InstanceNotFound e) {
                    break;
                }
                sleep(100);
            }
        });
        cleanup(instance, networkInfo, blockDeviceInfo, destroyDisks, null, true, destroySecrets);
    }

    @Override
    public void cleanup(Instance instance, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo,
                        boolean destroyDisks, LibvirtLiveMigrateData migrateData, boolean destroyVifs,
                        boolean destroySecrets) {
        StorageTopology topology = null;
        if (migrateData != null && migrateData.isSharedBlockStorage() != null) {
            topology = new StorageTopology(Boolean.TRUE.equals(migrateData.isSharedInstancePath()),
                    migrateData.isSharedBlockStorage(), instance.isVolumeBacked());
        }
        CleanupPlan plan = CleanupPlan.forCleanup(destroyDisks, topology,
                config.workarounds().ensureLibvirtRbdInstanceDirCleanup(), libvirt.usesRbd());
        LOG.debug("cleanup of {} on {}: {}", instance.uuid(), host(), plan);
        if (plan.removeInstanceDisks()) {
            List<String> removed = imageBackend.cleanupInstanceDisks(instance.uuid());
            LOG.info("removed disks {} of {}", removed, instance.uuid());
        }
        if (plan.removeInstanceDir()) {
            dirs.removeInstanceDir(instance.uuid());
        }
        host.findGuest(instance.name()).ifPresent(Guest::undefine);
    }

    @Override
    public InstanceInfo getInfo(Instance instance) {
        return host.guest(instance.name()).info();
    }

    @Override
    public boolean instanceExists(Instance instance) {
        return host.findGuest(instance.name()).isPresent();
    }

    // ------------------------------------------------------------------ checks

    @Override
    public LibvirtLiveMigrateData checkCanLiveMigrateDestination(Instance instance, ComputeInfo srcComputeInfo,
                                                                 ComputeInfo dstComputeInfo, Boolean blockMigration,
                                                                 Boolean diskOverCommit) {
        long availableGb = Boolean.TRUE.equals(diskOverCommit) ? dstComputeInfo.freeDiskGb()
                : dstComputeInfo.diskAvailableLeast();
        long availableMb = availableGb * 1024 - config.defaults().reservedHostDiskMb();
        if (!config.workarounds().skipCpuCompareOnDest()) {
            compareCpu(srcComputeInfo.cpuInfo());
        }
        String filename = dirs.createSharedStorageTestFile();
        LibvirtLiveMigrateData.Builder md = LibvirtLiveMigrateData.builder()
                .filename(filename)
                .imageType(libvirt.imagesType())
                .graphicsListenAddrVnc(config.consoles().vncEnabled() ? config.consoles().vncServerListen() : null)
                .graphicsListenAddrSpice(config.consoles().spiceEnabled() ? config.consoles().spiceServerListen()
                        : null)
                .serialListenAddr(config.consoles().serialEnabled() ? config.consoles().serialProxyclientAddress()
                        : null)
                .diskAvailableMb(availableMb)
                .dstInstancesPath(dirs.instancesPath().toString())
                .dstRbdCacheFacts(describeCacheFacts());
        if (blockMigration != null) {
            md.blockMigration(blockMigration);
        }
        if (diskOverCommit != null) {
            md.diskOverCommit(diskOverCommit);
        }
        return md.build();
    }

    /** This host's {@code dst_rbd_cache_facts}; {@code null} (no cache check) when they cannot be read. */
    private RbdCacheFacts describeCacheFacts() {
        try {
            return RbdCacheCheck.describe(cacheFacts, libvirt.diskCachemodes().forSourceType("network").orElse(null));
        } catch (NovaException e) {
            LOG.warn("librbd cache facts of {} unavailable, the source cannot compare caching: {}", host(),
                    e.getMessage());
            return null;
        }
    }

    /**
     * Not in Nova: the RBD disks of {@code instance} (running here, the source) whose effective librbd caching
     * would differ on the destination described by {@code destCheckData}'s {@code dst_rbd_cache_facts}. Empty when
     * the destination sent none. {@link #checkCanLiveMigrateSource} logs these; they never refuse a migration.
     */
    public List<CacheWarning> rbdCacheWarnings(Instance instance, LibvirtLiveMigrateData destCheckData) {
        RbdCacheFacts dst = destCheckData.dstRbdCacheFacts();
        if (dst == null) {
            return List.of();
        }
        return RbdCacheCheck.warnings(host.guest(instance.name()).xml(0), cacheFacts.facts(), dst);
    }

    private void warnAboutCaching(Instance instance, LibvirtLiveMigrateData destCheckData) {
        try {
            for (CacheWarning w : rbdCacheWarnings(instance, destCheckData)) {
                LOG.warn("instance {}: {}", instance.uuid(), w.message());
            }
        } catch (NovaException e) {
            LOG.warn("instance {}: librbd caching on {} and the destination not compared: {}", instance.uuid(),
                    host(), e.getMessage());
        }
    }

    /** Nova's {@code _compare_cpu}: only for kvm; an incompatible CPU refuses the migration. */
    private void compareCpu(String sourceCpuXml) {
        if (!"kvm".equals(libvirt.virtType()) || sourceCpuXml == null) {
            return;
        }
        try {
            CPUCompareResult r = host.connect().compareCPU(sourceCpuXml);
            if (r == CPUCompareResult.VIR_CPU_COMPARE_INCOMPATIBLE || r == CPUCompareResult.VIR_CPU_COMPARE_ERROR) {
                InvalidCPUInfo cause = new InvalidCPUInfo("the source host CPU is " + r + " with " + host());
                throw new MigrationPreCheckError(cause.getMessage(), cause);
            }
        } catch (LibvirtException e) {
            if (!LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_SUPPORT)) {
                throw new MigrationPreCheckError("CPU comparison on " + host() + " failed: "
                        + LibvirtErrors.message(e), e);
            }
        }
    }

    @Override
    public void cleanupLiveMigrationDestinationCheck(LibvirtLiveMigrateData destCheckData) {
        if (destCheckData != null && destCheckData.filename() != null) {
            dirs.cleanupSharedStorageTestFile(destCheckData.filename());
        }
    }

    @Override
    public LibvirtLiveMigrateData checkCanLiveMigrateSource(Instance instance, LibvirtLiveMigrateData destCheckData,
                                                            BlockDeviceInfo blockDeviceInfo) {
        Guest guest = host.guest(instance.name());
        if (destCheckData.filename() == null) {
            throw new MigrationPreCheckError("the destination check data has no shared-storage test file");
        }
        boolean sharedPath = dirs.checkSharedStorageTestFile(destCheckData.filename());
        List<String> localDisks = localDisks(guest.xml(0));
        boolean volumeBacked = instance.isVolumeBacked();
        boolean sharedBlock = StorageTopology.isSharedBlockStorage(destCheckData.imageType(), libvirt.imagesType(),
                imageBackend.isSharedBlockStorage(), sharedPath, imageBackend.isFileInInstancePath(), volumeBacked,
                !localDisks.isEmpty());
        boolean onShared = sharedPath || sharedBlock;
        boolean block = destCheckData.blockMigration() != null ? destCheckData.blockMigration() : !onShared;
        if (block) {
            if (onShared) {
                throw new InvalidLocalStorage("Block migration can not be used with shared storage (instance "
                        + instance.uuid() + " on " + host() + ").");
            }
            // This driver does not copy local disks (no migrate_disks, no disk size check): refuse rather than
            // arrive without them.
            throw new MigrationPreCheckError("Block migration of instance " + instance.uuid() + " (local disks "
                    + localDisks + ") is not supported by this driver; use shared storage (RBD).");
        }
        if (!onShared) {
            throw new InvalidSharedStorage("Live migration of instance " + instance.uuid() + " from " + host()
                    + " requires either shared storage or boot-from-volume with no local disks.");
        } else if (!sharedPath && !localDisks.isEmpty()) {
            // Stricter than Nova: a local file disk next to RBD disks would be left behind on the source.
            throw new InvalidSharedStorage("Instance " + instance.uuid() + " has local disks " + localDisks
                    + " that a live migration without block migration would not copy, and instances_path is not "
                    + "shared.");
        }
        warnAboutCaching(instance, destCheckData);
        return destCheckData.toBuilder()
                .isSharedInstancePath(sharedPath)
                .isSharedBlockStorage(sharedBlock)
                .blockMigration(block)
                .isVolumeBacked(volumeBacked)
                .instanceRelativePath(instance.uuid())
                .build();
    }

    /** Disks backed by host files or block devices (Nova's {@code _get_instance_disk_info_from_config}). */
    static List<String> localDisks(String domainXml) {
        List<String> out = new ArrayList<>();
        for (Disk disk : DomainXml.parse(domainXml).getDisks()) {
            String type = disk.getType();
            DiskSource source = disk.getSource();
            if (source != null && (("file".equals(type) && present(source.getFile()))
                    || ("block".equals(type) && present(source.getDev())))) {
                out.add(disk.getTargetDev() == null ? type : disk.getTargetDev());
            }
        }
        return out;
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }

    // ------------------------------------------------------------------ pre_live_migration (destination)

    @Override
    public LibvirtLiveMigrateData preLiveMigration(Instance instance, BlockDeviceInfo blockDeviceInfo,
                                                   NetworkInfo networkInfo, LibvirtLiveMigrateData migrateData) {
        StorageTopology topology = StorageTopology.of(migrateData);
        String relative = migrateData.instanceRelativePath() != null ? migrateData.instanceRelativePath()
                : instance.uuid();
        // Every check first, so that a refusal leaves this host exactly as it was.
        requireBridges(networkInfo, "pre_live_migration");
        SecretCheck.Action secret = SecretCheck.Action.NOTHING;
        if (libvirt.usesRbd() && libvirt.rbdSecretUuid() != null) {
            secret = SecretCheck.decide(host, host(), libvirt.rbdSecretUuid(), cephxKeys, allowSecretDefine);
        }
        if (!topology.sharedInstancePath() && dirs.exists(relative)) {
            throw new dev.novalibvirt.core.exception.DestinationDiskExists(dirs.instanceDir(relative));
        }
        if (host.findGuest(instance.name()).isPresent()) {
            throw new MigrationPreCheckError("a domain named " + instance.name() + " already exists on " + host());
        }
        boolean createdDir = false;
        boolean definedSecret = false;
        try {
            if (secret == SecretCheck.Action.DEFINE) {
                byte[] key = cephxKeys.cephxKey().orElseThrow();
                try {
                    host.defineCephSecret(libvirt.rbdSecretUuid(),
                            "client." + libvirt.rbdUser() + " secret " + libvirt.rbdSecretUuid(), key);
                } finally {
                    java.util.Arrays.fill(key, (byte) 0);
                }
                definedSecret = true;
                LOG.info("defined libvirt secret {} on {}", libvirt.rbdSecretUuid(), host());
            }
            if (!topology.sharedInstancePath()) {
                dirs.createDestinationDir(relative);
                createdDir = true;
            }
            if (!Boolean.TRUE.equals(migrateData.blockMigration())) {
                dirs.ensureInstanceDir(relative);
                dirs.touchConsoleLog(relative);
            }
        } catch (RuntimeException e) {
            if (createdDir) {
                dirs.removeInstanceDir(relative);
            }
            if (definedSecret) {
                host.findSecret(libvirt.rbdSecretUuid()).ifPresent(s -> {
                    try {
                        s.undefine();
                    } catch (LibvirtException ignored) {
                        LOG.warn("could not undefine secret {} after a failed pre_live_migration",
                                libvirt.rbdSecretUuid());
                    }
                });
            }
            throw e;
        }
        return migrateData.toBuilder()
                .targetConnectAddr(libvirt.liveMigrationInboundAddr())
                .serialListenPorts(List.of())
                .bdms(List.of())
                .dstInstancesPath(dirs.instancesPath().toString())
                .build();
    }

    private void requireBridges(NetworkInfo networkInfo, String step) {
        for (Vif vif : networkInfo.vifs()) {
            if (!bridges.bridgeExists(vif.bridge())) {
                throw new MigrationPreCheckError(step + ": bridge " + vif.bridge() + " needed by VIF " + vif.id()
                        + " does not exist on " + host());
            }
        }
    }

    // ------------------------------------------------------------------ live_migration (source)

    @Override
    public void liveMigration(Instance instance, String dest, LiveMigrationCallbacks callbacks,
                              boolean blockMigration, LibvirtLiveMigrateData migrateData) {
        MigrationUris.requireValidHostname(dest);
        Guest guest = host.guest(instance.name());
        boolean paused = guest.info().state() == PowerState.PAUSED;
        MigrationFlags flags = MigrationFlags.forMigration(libvirt, blockMigration, paused, false);
        MigrationUris uris = MigrationUris.forMigration(libvirt, dest, migrateData.targetConnectAddr());
        String destinationXml = destinationXml(instance, guest, migrateData);
        List<TypedParameter> params = new ArrayList<>();
        if (uris.migrateUri() != null) {
            params.add(new TypedStringParameter(DomainMigrateParameters.VIR_MIGRATE_PARAM_URI, uris.migrateUri()));
        }
        params.add(new TypedStringParameter(DomainMigrateParameters.VIR_MIGRATE_PARAM_DEST_XML, destinationXml));
        params.add(new TypedStringParameter(DomainMigrateParameters.VIR_MIGRATE_PARAM_PERSIST_XML, destinationXml));
        params.add(new TypedUlongParameter(DomainMigrateParameters.VIR_MIGRATE_PARAM_BANDWIDTH,
                libvirt.liveMigrationBandwidth()));
        TypedParameter[] typed = params.toArray(new TypedParameter[0]);

        ActiveMigration active = new ActiveMigration(guest);
        if (activeMigrations.putIfAbsent(instance.uuid(), active) != null) {
            throw new MigrationError("instance " + instance.uuid() + " is already migrating");
        }
        JobState outcome;
        Future<?> operation;
        try {
            LOG.info("live migration of {} to {} ({}, flags {})", instance.uuid(), uris.connectionUri(),
                    uris.migrateUri(), flags.flags());
            operation = migrationThreads.submit(() -> {
                guest.migrate(uris.connectionUri(), typed, flags.bits());
                return null;
            });
            try {
                outcome = jobWaiter.awaitOutcome(instance, guest, operation);
            } catch (RuntimeException e) {
                try {
                    guest.abortJob();
                } catch (RuntimeException ignored) {
                    LOG.debug("abort after monitor failure", ignored);
                }
                throw e;
            }
        } finally {
            activeMigrations.remove(instance.uuid());
        }
        String operationError = operationError(operation);
        if (outcome == JobState.COMPLETED) {
            LOG.info("live migration of {} to {} completed", instance.uuid(), dest);
            callbacks.postMethod(instance, dest, blockMigration, migrateData);
            return;
        }
        LOG.warn("live migration of {} to {} {}: {}", instance.uuid(), dest, outcome, operationError);
        if (active.pausedByForceComplete) {
            try {
                guest.resume();
            } catch (RuntimeException e) {
                LOG.warn("could not resume {} after a failed forced migration", instance.uuid(), e);
            }
        }
        // libvirt reports an aborted job as gone (NONE) once it ended; an abort we sent makes it "cancelled".
        boolean cancelled = outcome == JobState.CANCELLED || active.abortRequested;
        callbacks.recoverMethod(instance, dest, migrateData,
                cancelled ? MigrationStatus.CANCELLED : MigrationStatus.FAILED);
    }

    /** Nova's {@code get_updated_guest_xml}, fed with the live monmap and this host's options. */
    String destinationXml(Instance instance, Guest guest, LibvirtLiveMigrateData md) {
        List<MonitorAddress> mons = "rbd".equals(md.imageType()) ? currentMonitors() : null;
        String relative = md.instanceRelativePath() != null ? md.instanceRelativePath() : instance.uuid();
        String destDir = md.dstInstancesPath() == null ? null : Path.of(md.dstInstancesPath(), relative).toString();
        MigrationXmlContext ctx = new MigrationXmlContext(md.graphicsListenAddrVnc(), md.graphicsListenAddrSpice(),
                md.serialListenAddr(), md.serialListenPorts(), mons, libvirt.diskCachemodes(),
                dirs.instanceDir(instance.uuid()).toString(), destDir);
        return GuestXmlUpdater.update(guest.xml(Guest.XML_MIGRATABLE), ctx);
    }

    private static String operationError(Future<?> operation) {
        try {
            operation.get(30, TimeUnit.SECONDS);
            return "no error from migrateToURI3";
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return c instanceof LibvirtException le ? LibvirtErrors.message(le) : String.valueOf(c);
        } catch (TimeoutException e) {
            return "migrateToURI3 has not returned";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public void liveMigrationAbort(Instance instance) {
        ActiveMigration active = activeMigrations.get(instance.uuid());
        if (active == null) {
            throw new NoActiveMigrationForInstance("No active migration for instance " + instance.uuid() + " on "
                    + host());
        }
        if (!jobWaiter.abort(instance)) {
            active.guest.abortJob();
        }
        active.abortRequested = true;
    }

    @Override
    public void liveMigrationForceComplete(Instance instance) {
        ActiveMigration active = activeMigrations.get(instance.uuid());
        if (active == null) {
            throw new NoActiveMigrationForInstance("No active migration for instance " + instance.uuid() + " on "
                    + host());
        }
        if (jobWaiter.forceComplete(instance)) {
            return; // the monitor switches to post-copy or pauses, and resumes on failure
        }
        // Without post-copy Nova pauses the guest so the remaining dirty memory converges.
        active.guest.pause();
        active.pausedByForceComplete = true;
    }

    // ------------------------------------------------------------------ post / rollback

    @Override
    public void postLiveMigration(Instance instance, BlockDeviceInfo blockDeviceInfo,
                                  LibvirtLiveMigrateData migrateData) {
        // Nova disconnects the source's Cinder volumes here; image-backend RBD disks need nothing.
        LOG.debug("post_live_migration of {} on {}: {} volumes", instance.uuid(), host(),
                blockDeviceInfo.blockDeviceMapping().size());
    }

    @Override
    public void postLiveMigrationAtSource(Instance instance, NetworkInfo networkInfo) {
        // Nova unplugs the VIFs; a linux bridge outlives the guest's tap, which QEMU's exit removed already.
        LOG.debug("post_live_migration_at_source of {} on {}", instance.uuid(), host());
    }

    @Override
    public void postLiveMigrationAtDestination(Instance instance, NetworkInfo networkInfo, boolean blockMigration,
                                               BlockDeviceInfo blockDeviceInfo) {
        // PERSIST_DEST defined the domain here; confirm that it runs.
        InstanceInfo info = host.guest(instance.name()).info();
        if (info.state() != PowerState.RUNNING && info.state() != PowerState.PAUSED) {
            throw new MigrationError("instance " + instance.uuid() + " arrived on " + host() + " but is "
                    + info.state());
        }
    }

    @Override
    public void rollbackLiveMigrationAtSource(Instance instance, LibvirtLiveMigrateData migrateData) {
        // Nova re-attaches SR-IOV VIFs here; bridged VIFs stayed attached.
        LOG.debug("rollback_live_migration_at_source of {} on {}", instance.uuid(), host());
    }

    @Override
    public void rollbackLiveMigrationAtDestination(Instance instance, NetworkInfo networkInfo,
                                                   BlockDeviceInfo blockDeviceInfo, boolean destroyDisks,
                                                   LibvirtLiveMigrateData migrateData) {
        CleanupPlan plan = CleanupPlan.forRollbackAtDestination(destroyDisks,
                migrateData == null ? null : migrateData.isSharedInstancePath(), imageBackend.isSharedBlockStorage());
        LOG.debug("rollback at destination of {} on {}: {}", instance.uuid(), host(), plan);
        try {
            // Nova's destroy(destroy_disks): a half-arrived domain goes.
            host.findGuest(instance.name()).ifPresent(g -> {
                g.poweroff();
                g.undefine();
            });
            if (plan.removeInstanceDisks()) {
                imageBackend.cleanupInstanceDisks(instance.uuid());
            }
        } finally {
            if (plan.removeInstanceDir()) {
                String relative = migrateData.instanceRelativePath() != null ? migrateData.instanceRelativePath()
                        : instance.uuid();
                dirs.removeInstanceDir(relative);
            }
        }
    }

    @Override
    public void close() {
        migrationThreads.shutdownNow();
        host.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NovaException("interrupted");
        }
    }
}
