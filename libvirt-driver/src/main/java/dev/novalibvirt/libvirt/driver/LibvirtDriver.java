package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.ceph.CacheWarning;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.ceph.HostCacheFactsSource;
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
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.image.ImageBackend;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import dev.novalibvirt.core.volume.VolumeConnector;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.libvirt.lock.StartGuard;
import dev.novalibvirt.migration.logging.PhaseListener;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.migration.xml.MonitorAddressSource;
import java.util.List;

/**
 * The {@link ComputeDriver} over one libvirtd with an injected image backend; mirrors the live-migration path of
 * {@code nova.virt.libvirt.driver.LibvirtDriver}. One instance manages one compute host. Configuration, the image
 * backend, the monmap source, the cephx key source, the bridge probe and the migration job waiter are injected;
 * nothing reads global state.
 *
 * <p>A thin facade: each contract method hands over to the class of its step ({@link PreChecks},
 * {@link DestinationPreparer}, {@link MigrationExecutor}, {@link PostAndRollback}, {@link GuestLifecycle},
 * {@link VolumeHotplug}, {@link HostFacts}), so each step can be read and tested on its own.
 */
public final class LibvirtDriver implements ComputeDriver {
    private final DriverContext ctx;
    private final HostFacts hostFacts;
    private final GuestLifecycle lifecycle;
    private final CacheWarnings cacheWarnings;
    private final PreChecks preChecks;
    private final DestinationPreparer preparer;
    private final ActiveMigrations activeMigrations;
    private final MigrationExecutor executor;
    private final PostAndRollback postAndRollback;
    private final VolumeHotplug volumeHotplug;

    private LibvirtDriver(Builder b) {
        NovaConfig config = b.config;
        LibvirtOptions libvirt = config.libvirt();
        String hostName = config.defaults().host();
        InstanceDirs dirs = new InstanceDirs(config.defaults().instancesPath());
        this.ctx = new DriverContext(config, b.host, b.imageBackend, dirs);
        MonitorAddressSource monitors = DriverParts.monitors(b.monitors, b.imageBackend, config);
        Bridges bridges = new Bridges(b.bridges == null ? BridgeProbe.sysfs() : b.bridges, hostName);
        MigrationJobWaiter jobWaiter = DriverParts.jobWaiter(b.jobWaiter, libvirt, b.migrationListener, b.host,
                b.phaseListener);
        HostCacheFactsSource cacheFacts = b.cacheFacts != null ? b.cacheFacts
                : RbdCacheCheck.defaultSource(hostName, b.host::hypervisorVersion, libvirt.imagesRbdCephConf(),
                        libvirt.rbdUser(), b.cephVersion);
        this.hostFacts = new HostFacts(ctx);
        VolumeConnector volumes = b.volumeConnector != null ? b.volumeConnector : VolumeConnectors.of(ctx);
        this.lifecycle = new GuestLifecycle(ctx, bridges, b.startGuard == null ? StartGuard.NONE : b.startGuard,
                volumes);
        this.volumeHotplug = new VolumeHotplug(ctx, volumes, DeviceDetacher.system(b.deviceDetach));
        this.cacheWarnings = new CacheWarnings(ctx, cacheFacts);
        this.preChecks = new PreChecks(ctx, cacheWarnings, b.migrationTls, b.phaseListener);
        this.preparer = new DestinationPreparer(ctx, bridges,
                new DestinationSecret(b.host, hostName, libvirt, b.cephxKeys, b.allowSecretDefine), volumes);
        this.activeMigrations = new ActiveMigrations(jobWaiter, hostName);
        this.postAndRollback = new PostAndRollback(ctx, volumes);
        config.validate();
        DriverParts.createInstancesPath(ctx.dirs());
        // last: it starts no thread yet, but it is the one part that must be closed
        this.executor = new MigrationExecutor(ctx, monitors, jobWaiter, activeMigrations, b.phaseListener);
    }

    public static Builder builder() {
        return new Builder();
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
        private CephxKeySource cephxKeys = CephxKeySource.none();
        private boolean allowSecretDefine;
        private BridgeProbe bridges;
        private MigrationJobWaiter jobWaiter;
        private MigrationListener migrationListener;
        private PhaseListener phaseListener = PhaseListener.NONE;
        private StartGuard startGuard;
        private HostCacheFactsSource cacheFacts;
        private ComponentVersion cephVersion;
        private VolumeConnector volumeConnector;
        private DetachSettings deviceDetach = DetachSettings.NOVA_DEFAULTS;
        private MigrationTlsFiles migrationTls = MigrationTlsFiles.defaults();

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
            this.cephxKeys = value == null ? CephxKeySource.none() : value;
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

        /** Hears each phase's duration in check_can_live_migrate_source and live_migration (also DEBUG lines). */
        public Builder phaseListener(PhaseListener value) {
            this.phaseListener = value == null ? PhaseListener.NONE : value;
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

        /** This host's side of volume connections; by default a {@link HostVolumeConnector} (secret check). */
        public Builder volumeConnector(VolumeConnector value) {
            this.volumeConnector = value;
            return this;
        }

        /** How long a live detach may take: {@code [libvirt] device_detach_attempts} and {@code _timeout} (8, 20 s). */
        public Builder deviceDetach(int attempts, int timeoutSeconds) {
            this.deviceDetach = DetachSettings.of(attempts, timeoutSeconds);
            return this;
        }

        /** qemu.conf's migrate_tls_x509_cert_dir for the native-TLS pre-checks; {@link MigrationTlsFiles#defaults}. */
        public Builder migrationTls(MigrationTlsFiles value) {
            this.migrationTls = value == null ? MigrationTlsFiles.defaults() : value;
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

    /** The libvirt host port (for tests and the monitor module). */
    public Host libvirtHost() {
        return ctx.host();
    }

    /** This host's instance directories. */
    public InstanceDirs instanceDirs() {
        return ctx.dirs();
    }

    public NovaConfig config() {
        return ctx.config();
    }

    @Override
    public String host() {
        return ctx.hostName();
    }

    /** Nova's {@code get_available_resource}, see {@link HostFacts}. */
    @Override
    public ComputeInfo getAvailableResource() {
        return hostFacts.availableResource();
    }

    // ------------------------------------------------------------------ spawn / destroy / cleanup / info

    /** Nova's {@code spawn}, see {@link GuestLifecycle#spawn}. */
    @Override
    public void spawn(Instance instance, ImageMeta imageMeta, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo,
                      boolean powerOn) {
        lifecycle.spawn(Checks.required(instance, "instance"), imageMeta, networkInfo, blockDeviceInfo, powerOn);
    }

    /** Nova's {@code destroy}, see {@link GuestLifecycle#destroy}. */
    @Override
    public void destroy(Instance instance, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo,
                        boolean destroyDisks, boolean destroySecrets) {
        lifecycle.destroy(Checks.required(instance, "instance"), blockDeviceInfo, destroyDisks);
    }

    /** Nova's {@code cleanup}, see {@link GuestLifecycle#cleanup}. */
    @Override
    public void cleanup(Instance instance, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo,
                        boolean destroyDisks, LibvirtLiveMigrateData migrateData, boolean destroyVifs,
                        boolean destroySecrets) {
        lifecycle.cleanup(Checks.required(instance, "instance"), blockDeviceInfo, destroyDisks, migrateData);
    }

    /** Nova's {@code get_info}. */
    @Override
    public InstanceInfo getInfo(Instance instance) {
        return lifecycle.info(Checks.required(instance, "instance"));
    }

    /** Nova's {@code instance_exists}. */
    @Override
    public boolean instanceExists(Instance instance) {
        return lifecycle.exists(Checks.required(instance, "instance"));
    }

    /** Nova's {@code attach_volume}, see {@link VolumeHotplug#attach}. */
    @Override
    public void attachVolume(VolumeConnectionInfo connectionInfo, Instance instance, String mountpoint,
                             String diskBus, String deviceType) {
        volumeHotplug.attach(connectionInfo, Checks.required(instance, "instance"), mountpoint, diskBus, deviceType);
    }

    /** Nova's {@code detach_volume}, see {@link VolumeHotplug#detach}. */
    @Override
    public void detachVolume(VolumeConnectionInfo connectionInfo, Instance instance, String mountpoint) {
        volumeHotplug.detach(connectionInfo, Checks.required(instance, "instance"), mountpoint);
    }

    // ------------------------------------------------------------------ checks

    /** Nova's {@code check_can_live_migrate_destination}, see {@link PreChecks#checkDestination}. */
    @Override
    public LibvirtLiveMigrateData checkCanLiveMigrateDestination(Instance instance, ComputeInfo srcComputeInfo,
                                                                 ComputeInfo dstComputeInfo, Boolean blockMigration,
                                                                 Boolean diskOverCommit) {
        return preChecks.checkDestination(srcComputeInfo, dstComputeInfo, blockMigration, diskOverCommit);
    }

    /** Not in Nova: the RBD disks of {@code instance} (running here) whose librbd caching would differ on the
     * destination its {@code dst_rbd_cache_facts} describe (none: empty); the source check logs them, never refuses. */
    public List<CacheWarning> rbdCacheWarnings(Instance instance, LibvirtLiveMigrateData destCheckData) {
        return cacheWarnings.warnings(Checks.required(instance, "instance"), destCheckData);
    }

    /** Nova's {@code cleanup_live_migration_destination_check}. */
    @Override
    public void cleanupLiveMigrationDestinationCheck(LibvirtLiveMigrateData destCheckData) {
        preChecks.cleanupDestinationCheck(destCheckData);
    }

    /** Nova's {@code check_can_live_migrate_source}, see {@link PreChecks#checkSource}. */
    @Override
    public LibvirtLiveMigrateData checkCanLiveMigrateSource(Instance instance, LibvirtLiveMigrateData destCheckData,
                                                            BlockDeviceInfo blockDeviceInfo) {
        return preChecks.checkSource(Checks.required(instance, "instance"),
                Checks.required(destCheckData, "migrate data"), blockDeviceInfo);
    }

    // ------------------------------------------------------------------ pre_live_migration (destination)

    /** Nova's {@code pre_live_migration}, see {@link DestinationPreparer}. */
    @Override
    public LibvirtLiveMigrateData preLiveMigration(Instance instance, BlockDeviceInfo blockDeviceInfo,
                                                   NetworkInfo networkInfo, LibvirtLiveMigrateData migrateData) {
        return preparer.prepare(Checks.required(instance, "instance"), blockDeviceInfo, networkInfo,
                Checks.required(migrateData, "migrate data"));
    }

    // ------------------------------------------------------------------ live_migration (source)

    /** Nova's {@code live_migration}, see {@link MigrationExecutor}. */
    @Override
    public void liveMigration(Instance instance, String dest, LiveMigrationCallbacks callbacks,
                              boolean blockMigration, LibvirtLiveMigrateData migrateData) {
        executor.liveMigration(Checks.required(instance, "instance"), dest, Checks.required(callbacks, "callbacks"),
                blockMigration, migrateData);
    }

    /** Nova's {@code live_migration_abort}, see {@link ActiveMigrations#abort}. */
    @Override
    public void liveMigrationAbort(Instance instance) {
        activeMigrations.abort(Checks.required(instance, "instance"));
    }

    /** Nova's {@code live_migration_force_complete}, see {@link ActiveMigrations#forceComplete}. */
    @Override
    public void liveMigrationForceComplete(Instance instance) {
        activeMigrations.forceComplete(Checks.required(instance, "instance"));
    }

    // ------------------------------------------------------------------ post / rollback

    /** Nova's {@code post_live_migration}. */
    @Override
    public void postLiveMigration(Instance instance, BlockDeviceInfo blockDeviceInfo,
                                  LibvirtLiveMigrateData migrateData) {
        postAndRollback.postAtSourceVolumes(Checks.required(instance, "instance"), blockDeviceInfo);
    }

    /** Nova's {@code post_live_migration_at_source}. */
    @Override
    public void postLiveMigrationAtSource(Instance instance, NetworkInfo networkInfo) {
        postAndRollback.postAtSource(Checks.required(instance, "instance"));
    }

    /** Nova's {@code post_live_migration_at_destination}. */
    @Override
    public void postLiveMigrationAtDestination(Instance instance, NetworkInfo networkInfo, boolean blockMigration,
                                               BlockDeviceInfo blockDeviceInfo) {
        postAndRollback.postAtDestination(Checks.required(instance, "instance"));
    }

    /** Nova's {@code rollback_live_migration_at_source}. */
    @Override
    public void rollbackLiveMigrationAtSource(Instance instance, LibvirtLiveMigrateData migrateData) {
        postAndRollback.rollbackAtSource(Checks.required(instance, "instance"));
    }

    /** Nova's {@code rollback_live_migration_at_destination}. */
    @Override
    public void rollbackLiveMigrationAtDestination(Instance instance, NetworkInfo networkInfo,
                                                   BlockDeviceInfo blockDeviceInfo, boolean destroyDisks,
                                                   LibvirtLiveMigrateData migrateData) {
        postAndRollback.rollbackAtDestination(Checks.required(instance, "instance"), destroyDisks, migrateData);
    }

    @Override
    public void close() {
        executor.close();
        ctx.host().close();
    }
}
