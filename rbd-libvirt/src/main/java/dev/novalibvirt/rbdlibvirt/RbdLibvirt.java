package dev.novalibvirt.rbdlibvirt;

import dev.novalibvirt.core.ceph.CephConf;
import dev.novalibvirt.core.ceph.CephConfigException;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.libvirt.driver.CephxKeySource;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.libvirt.lock.StartGuard;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdImageBackend;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The assembly for RBD embedders: one compute host's {@link LibvirtDriver} with everything
 * {@code images_type = rbd} needs, from its nova.conf alone. What it wires:
 * <ul>
 *   <li>the image backend of {@link RbdConfig#from(NovaConfig)}; the Ceph monitors written into disk XML are its
 *       live monmap (the driver's default for a backend that reports monitors);</li>
 *   <li>libvirtd at {@code [libvirt] connection_uri} (else Nova's URI for {@code virt_type}), opened with
 *       {@link Host#open}, which starts libvirt's event loop first, so migrations are followed by events;</li>
 *   <li>the fence package's DiskGuard as spawn guard: no spawn from an RBD image another live client holds;</li>
 *   <li>the cephx key of {@code client.<rbd_user>} from the keyring ceph.conf names (else Ceph's default paths),
 *       to verify the libvirt secret {@code rbd_secret_uuid} with;</li>
 *   <li>the cache facts' Ceph release, from this machine's {@code ceph --version}.</li>
 * </ul>
 * Everything is validated before anything is opened; a bad or missing piece is an {@link InvalidConfiguration}
 * naming its option.
 */
public final class RbdLibvirt {
    static final String BUILDER = "RbdLibvirt.builder(novaConfig)";
    /** Nova's {@code LibvirtDriver._uri()}: the URI of {@code virt_type} when {@code connection_uri} is empty. */
    private static final Map<String, String> URI_BY_VIRT_TYPE = Map.of("kvm", "qemu:///system",
            "qemu", "qemu:///system", "lxc", "lxc:///", "parallels", "parallels:///system");

    private RbdLibvirt() {
    }

    /** This host's driver with every default: {@code builder(novaConfig).build()}. */
    public static RbdLibvirtDriver driver(NovaConfig novaConfig) {
        return builder(novaConfig).build();
    }

    /** A builder preset from nova.conf; each setter overrides one default. */
    public static Builder builder(NovaConfig novaConfig) {
        if (novaConfig == null) {
            throw InvalidConfiguration.missingPart(BUILDER, "novaConfig", "pass this compute host's nova.conf, "
                    + "e.g. NovaConfig.fromFile(Path.of(\"/etc/nova/nova.conf\"))");
        }
        return new Builder(novaConfig);
    }

    /** Nova's libvirt URI for this nova.conf: {@code [libvirt] connection_uri}, else the one of {@code virt_type}. */
    public static String connectionUri(NovaConfig novaConfig) {
        String given = novaConfig.libvirt().connectionUri();
        return given.isEmpty() ? URI_BY_VIRT_TYPE.get(novaConfig.libvirt().virtType()) : given;
    }

    /**
     * The cephx key source a built driver verifies the libvirt secret {@code rbd_secret_uuid} with: the key of
     * {@code client.<user>} in {@code rbd}'s keyring, else in the keyring its ceph.conf names, else in Ceph's default
     * paths under {@code /etc/ceph}; read fresh on every use. Errors name the file, never its content.
     *
     * @throws InvalidConfiguration when the ceph.conf cannot be read or a named keyring is not readable
     */
    public static CephxKeySource keySource(RbdConfig rbd) {
        return KeyringKeySource.resolve(rbd, Builder.cephConf(rbd), Path.of("/etc/ceph"));
    }

    /** This machine's Ceph release ({@code ceph --version}); empty when ceph-common is not installed. */
    public static Optional<ComponentVersion> installedCephVersion() {
        return InstalledCeph.version();
    }

    /** The parts of one host's driver; {@link #build()} opens them. Not thread-safe. */
    public static final class Builder {
        private final NovaConfig nova;
        private RbdConfig rbd;
        private String uri;
        private CephxKeySource keys;
        private boolean allowSecretDefine;
        private ComponentVersion cephVersion;
        private boolean cephVersionGiven;
        private StartGuard startGuard;
        private MigrationListener migrationListener;
        private Consumer<LibvirtDriver.Builder> more = b -> { };
        // seams for the unit tests: nothing there may open libvirt or librados
        private Function<String, Host> hosts = Host::open;
        private Function<RbdConfig, RbdImageBackend> backends = RbdImageBackend::of;
        private Supplier<Optional<ComponentVersion>> installedCeph = InstalledCeph::version;
        private Path etcCeph = Path.of("/etc/ceph");

        private Builder(NovaConfig nova) {
            this.nova = nova;
        }

        /** The backend's settings when nova.conf's are not all (e.g. another Glance pool); default from nova.conf. */
        public Builder rbdConfig(RbdConfig value) {
            this.rbd = value;
            return this;
        }

        /** The libvirtd to reach this host at (a controller's {@code qemu+tcp://host/system}); default Nova's. */
        public Builder connect(String libvirtUri) {
            this.uri = libvirtUri;
            return this;
        }

        /** The cephx key source and whether a missing libvirt secret may be defined with it; default the keyring. */
        public Builder keys(CephxKeySource value, boolean allowDefine) {
            this.keys = value;
            this.allowSecretDefine = allowDefine;
            return this;
        }

        /** The Ceph release QEMU's librbd is, for the cache facts; {@code null} = unknown; default installed. */
        public Builder cephVersion(ComponentVersion value) {
            this.cephVersion = value;
            this.cephVersionGiven = true;
            return this;
        }

        /** Replaces the DiskGuard ({@link StartGuard#NONE} lets every spawn through). */
        public Builder startGuard(StartGuard value) {
            this.startGuard = value;
            return this;
        }

        /** Hears the default job waiter's events of each migration from this host (byte progress, downtime, end). */
        public Builder migrationListener(MigrationListener value) {
            this.migrationListener = value;
            return this;
        }

        /** Turns the driver builder's other knobs (bridges, job waiter, volume connector), after the presets. */
        public Builder driver(Consumer<LibvirtDriver.Builder> value) {
            this.more = value == null ? b -> { } : value;
            return this;
        }

        Builder seams(Function<String, Host> hostOpener, Function<RbdConfig, RbdImageBackend> backendFactory,
                      Supplier<Optional<ComponentVersion>> installedCephVersion, Path etcCephDir) {
            this.hosts = hostOpener;
            this.backends = backendFactory;
            this.installedCeph = installedCephVersion;
            this.etcCeph = etcCephDir;
            return this;
        }

        /**
         * Validates, then opens the backend and the Host; what was opened is closed again when a later step fails.
         *
         * @throws InvalidConfiguration naming the option of a missing or bad piece; nothing is opened then
         */
        public RbdLibvirtDriver build() {
            RbdConfig rbdConfig = rbd != null ? rbd : RbdConfig.from(nova);
            String libvirtUri = uri != null ? uri : connectionUri(nova);
            if (libvirtUri == null || libvirtUri.isBlank()) {
                throw InvalidConfiguration.missingPart(BUILDER, "connect", "set [libvirt] connection_uri in nova.conf "
                        + "or call .connect(\"qemu+tcp://" + nova.defaults().host() + "/system\")");
            }
            CephxKeySource cephxKeys = keys != null ? keys
                    : KeyringKeySource.resolve(rbdConfig, cephConf(rbdConfig), etcCeph);
            ComponentVersion ceph = cephVersionGiven ? cephVersion : installedCeph.get().orElse(null);
            RbdImageBackend backend = backends.apply(rbdConfig);
            try {
                LibvirtDriver.Builder driver = LibvirtDriver.builder().config(nova).imageBackend(backend)
                        .cephxKeys(cephxKeys, allowSecretDefine).cephVersion(ceph)
                        .startGuard(startGuard != null ? startGuard : RbdStartGuard.of(backend.driver()));
                if (migrationListener != null) {
                    driver.migrationListener(migrationListener);
                }
                more.accept(driver);
                // last: the driver closes its Host, also when build() fails
                return new RbdLibvirtDriver(driver.host(hosts.apply(libvirtUri)).build(), backend);
            } catch (RuntimeException e) {
                backend.close();
                throw e;
            }
        }

        /** The ceph.conf librados will read: the backend cannot connect without it, so it is checked first. */
        private static CephConf cephConf(RbdConfig rbdConfig) {
            try {
                return CephConf.read(rbdConfig.cephConf());
            } catch (CephConfigException e) {
                throw new InvalidConfiguration("[libvirt] images_rbd_ceph_conf = " + rbdConfig.cephConf() + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
