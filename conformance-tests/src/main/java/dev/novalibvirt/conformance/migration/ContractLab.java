package dev.novalibvirt.conformance.migration;

import dev.novalibvirt.conformance.lab.CommandRunner;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.libvirt.driver.BridgeProbe;
import dev.novalibvirt.libvirt.driver.CephxKeySource;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.driver.MigrationTlsFiles;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdImageBackend;
import dev.novalibvirt.rbdlibvirt.RbdLibvirt;
import dev.novalibvirt.rbdlibvirt.RbdLibvirtDriver;
import java.time.Duration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The lab as the contract's tests, demo and benchmark use it: reads {@code lab.env} and builds a real
 * {@link LibvirtDriver} for a lab host the way an RBD embedder does ({@code RbdLibvirt} from nova.conf), wired to
 * the real RBD image backend, the live monmap, the lab's cephx key and the host's network namespace. Built on the
 * lab's {@link LabEnv}; fails with LabNotUpException when the lab is not up.
 */
public final class ContractLab {
    private final LabEnv env;

    private ContractLab(LabEnv env) {
        this.env = env;
    }

    /** The contract's view of the lab that {@code LabExtension} hands to a test. */
    public static ContractLab of(LabEnv env) {
        return new ContractLab(env);
    }

    /** Reads {@code lab.env} afresh (NOVALAB_ENV or the default path); LabNotUpException when the lab is down. */
    public static ContractLab load() {
        return new ContractLab(LabEnv.load());
    }

    /**
     * The lab host the contract's disruptive tests (firewall rules on the destination) use as their destination, so
     * that other sessions' migrations between host-a and host-b are never touched: {@code host-g} unless
     * {@code CONTRACT_HOST} names another letter (c..i).
     */
    public static String ownHostLetter() {
        return Optional.ofNullable(System.getenv("CONTRACT_HOST")).orElse("g");
    }

    /** Adds the contract's own host with {@code ./lab host-add} unless it is there, and returns the re-read lab. */
    public ContractLab withOwnHost() {
        String letter = ownHostLetter();
        if (env.find("HOST_" + letter.toUpperCase() + "_URI").isPresent()) {
            return this;
        }
        Run r = run(labScript().toString(), "host-add", letter);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("./lab host-add " + letter + " failed: " + r.output());
        }
        return load();
    }

    /** Removes the contract's own host again ({@code ./lab host-del}). */
    public void removeOwnHost() {
        run(labScript().toString(), "host-del", ownHostLetter());
    }

    /** The repository's {@code lab} launcher, found from the working directory upwards. */
    static Path labScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path lab = dir.resolve("lab");
            if (Files.isExecutable(lab) && Files.isDirectory(dir.resolve("conformance-tests"))) {
                return lab;
            }
        }
        throw new IllegalStateException("cannot find the repository's ./lab from " + Path.of("").toAbsolutePath());
    }

    public String get(String key) {
        return env.find(key).orElseThrow(() -> new IllegalStateException("lab.env has no " + key
                + "; is the lab up to date? (./lab up)"));
    }

    /** {@code HOST_<X>_<key>} for host letter a, b, ... */
    public String hostValue(String letter, String key) {
        return get("HOST_" + letter.toUpperCase() + "_" + key);
    }

    public Path cephConf() {
        return Path.of(get("CEPH_CONF"));
    }

    public Path cephDir() {
        return cephConf().getParent();
    }

    public Path novaKeyring() {
        return cephDir().resolve("ceph.client." + get("CEPH_USER") + ".keyring");
    }

    public Path instancesPath(String letter) {
        return Path.of(hostValue(letter, "INSTANCES_PATH"));
    }

    /**
     * The contract's guests run under TCG ({@code qemu}) unless {@code CONTRACT_VIRT_TYPE} says otherwise: on this
     * nested KVM a boot-sector guest intermittently gets no timer ticks under load (no serial output at all), while
     * TCG always does; liveness is what the tests prove.
     */
    public static String virtType() {
        return Optional.ofNullable(System.getenv("CONTRACT_VIRT_TYPE")).orElse("qemu");
    }

    /** nova.conf of a lab host as an operator would write it. */
    public String novaConf(String letter, Path instancesPath, String extra) {
        String ip = hostValue(letter, "IP");
        return String.join("\n",
                "[DEFAULT]",
                "host = " + hostValue(letter, "NAME"),
                "instances_path = " + instancesPath,
                "[libvirt]",
                "virt_type = " + virtType(),
                "images_type = rbd",
                "images_rbd_pool = " + get("POOL_VMS"),
                "images_rbd_ceph_conf = " + cephConf(),
                "rbd_user = " + get("CEPH_USER"),
                "rbd_secret_uuid = " + get("RBD_SECRET_UUID"),
                "disk_cachemodes = network=writeback",
                "live_migration_inbound_addr = " + ip,
                "[vnc]",
                "server_listen = " + ip,
                extra == null ? "" : extra, "");
    }

    public RbdImageBackend imageBackend() {
        return imageBackend(DiskCacheModes.none());
    }

    /** The lab's RBD backend with nova.conf's {@code disk_cachemodes} (as parsed by {@code LibvirtOptions}). */
    public RbdImageBackend imageBackend(DiskCacheModes diskCacheModes) {
        return RbdImageBackend.of(RbdConfig.builder(cephConf(), get("CEPH_USER")).keyring(novaKeyring())
                .pool(get("POOL_VMS")).imagesPool(get("POOL_IMAGES")).secretUuid(get("RBD_SECRET_UUID"))
                .diskCacheModes(diskCacheModes).build());
    }

    /** A driver for lab host {@code letter} with its own instances_path. */
    public LibvirtDriver driver(String letter) {
        return driver(letter, instancesPath(letter), null, cephxKeys(), false);
    }

    /**
     * A driver with every knob a test may turn: the compute driver of {@link #host}. Its image backend is not
     * closed with it; that leaves a reference to the process' one librados client of this configuration
     * ({@code RadosClients}), not a client of its own, as the shared backends this replaces did.
     */
    public LibvirtDriver driver(String letter, Path instancesPath, String extraNovaConf, CephxKeySource keys,
                                boolean allowSecretDefine) {
        return host(letter, instancesPath, extraNovaConf, keys, allowSecretDefine).driver();
    }

    /**
     * Lab host {@code letter} as an RBD embedder builds it, with {@code RbdLibvirt} from the host's nova.conf (the
     * disk guard, the RBD backend of nova.conf's {@code [libvirt]} options); closing it closes the driver and its
     * backend. What nova.conf cannot say is given: the keyring and Glance's pool (not nova.conf options), the cephx
     * key source, libvirtd's URI, the bridges inside the host's network namespace, and the Ceph release read once
     * per JVM (not a {@code ceph --version} per driver).
     */
    public RbdLibvirtDriver host(String letter, Path instancesPath, String extraNovaConf, CephxKeySource keys,
                                 boolean allowSecretDefine) {
        return host(letter, instancesPath, extraNovaConf, keys, allowSecretDefine, migrationTls(letter));
    }

    /**
     * Lab host {@code letter}'s QEMU migration certificate dir as its qemu.conf sets it ({@code /etc/pki/qemu},
     * client certificates verified), seen from the tests outside the host's mount namespace.
     */
    public MigrationTlsFiles migrationTls(String letter) {
        Path dir = env.host(letter).outsidePath(MigrationTlsFiles.DEFAULT_DIR.toString());
        return MigrationTlsFiles.defaults().seenAt(dir);
    }

    /** {@link #host(String, Path, String, CephxKeySource, boolean)} with the native-TLS pre-checks' cert dir given. */
    public RbdLibvirtDriver host(String letter, Path instancesPath, String extraNovaConf, CephxKeySource keys,
                                 boolean allowSecretDefine, MigrationTlsFiles migrationTls) {
        return host(letter, instancesPath, extraNovaConf, keys, allowSecretDefine, migrationTls, d -> { });
    }

    /**
     * The same with {@code more} turning further knobs of the driver's builder after the lab's (e.g. a benchmark's
     * phase and migration listeners).
     */
    public RbdLibvirtDriver host(String letter, Path instancesPath, String extraNovaConf, CephxKeySource keys,
                                 boolean allowSecretDefine, MigrationTlsFiles migrationTls,
                                 Consumer<LibvirtDriver.Builder> more) {
        NovaConfig config = NovaConfig.parse(novaConf(letter, instancesPath, extraNovaConf));
        BridgeProbe bridges = netnsBridges(hostValue(letter, "NETNS"));
        return RbdLibvirt.builder(config)
                .rbdConfig(RbdConfig.builder(config).keyring(novaKeyring()).imagesPool(get("POOL_IMAGES")).build())
                .connect(hostValue(letter, "URI"))
                .keys(keys, allowSecretDefine)
                .cephVersion(cephVersion())
                .driver(d -> {
                    d.bridges(bridges).migrationTls(migrationTls);
                    more.accept(d);
                })
                .build();
    }

    private static volatile ComponentVersion cephVersion;

    /** The lab's Ceph release (what its QEMUs' librbd is), from {@code ceph --version}; read once. */
    static ComponentVersion cephVersion() {
        if (cephVersion == null) {
            cephVersion = ComponentVersion.parse(CommandRunner.check(Duration.ofSeconds(60),
                    List.of("ceph", "--version")));
        }
        return cephVersion;
    }

    /** The lab's client key as libvirt stores it (base64-decoded), read fresh on every call. */
    public CephxKeySource cephxKeys() {
        Path keyFile = cephDir().resolve("client." + get("CEPH_USER") + ".key");
        return () -> {
            try {
                return Optional.of(Base64.getDecoder().decode(Files.readString(keyFile).strip()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Bridges inside the lab host's network namespace (the driver itself runs in the root namespace). */
    public static BridgeProbe netnsBridges(String netns) {
        return bridge -> run("ip", "-n", netns, "link", "show", "dev", bridge, "type", "bridge").exitCode() == 0;
    }

    /** The lab's boot-sector image as Glance would describe it, with its direct RBD location. */
    public ImageMeta baseImage() {
        String id = get("BASE_IMAGE_ID");
        return new ImageMeta(id, "raw", "rbd://" + get("CEPH_FSID") + "/" + get("POOL_IMAGES") + "/" + id + "/"
                + get("BASE_IMAGE_SNAP"));
    }

    /** A fresh 64 MiB instance of the base image, named after this helper ({@code contract-<prefix>-<8 hex>}). */
    public Instance newInstance(String prefix) {
        return newInstance(prefix, 64);
    }

    /**
     * The same with {@code memoryMib} of memory: the busy Linux guest's kernel needs more than the boot sector's 64
     * MiB.
     */
    public Instance newInstance(String prefix, int memoryMib) {
        String uuid = UUID.randomUUID().toString();
        return new Instance(uuid, "contract-" + prefix + "-" + uuid.substring(0, 8), memoryMib, 1, 1,
                get("BASE_IMAGE_ID"));
    }

    /** Result of a command: {@link CommandRunner.Result}'s exit code (-1: it did not end) and output. */
    public record Run(int exitCode, String output) {
    }

    /** Runs a command (no shell), merging stderr into the output; 180 s limit. */
    public static Run run(String... argv) {
        return run(Duration.ofSeconds(180), argv);
    }

    /**
     * Runs a command without a shell, stderr merged, within {@code limit} ({@link CommandRunner}: exit code -1 when
     * it did not end, could not start or was interrupted, the output then says why).
     */
    public static Run run(Duration limit, String... argv) {
        CommandRunner.Result r = CommandRunner.run(limit, List.of(argv));
        return new Run(r.exitCode(), r.output());
    }

    /** The RBD image id of {@code pool/name} (stable across migrations of the same disk). */
    public String rbdImageId(String name) {
        Run r = run("rbd", "-c", cephConf().toString(), "--id", get("CEPH_USER"), "--keyring",
                novaKeyring().toString(), "info", get("POOL_VMS") + "/" + name, "--format", "json");
        if (r.exitCode() != 0) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":\"([0-9a-f]+)\"").matcher(r.output());
        return m.find() ? m.group(1) : null;
    }

    /** The lab host letters in lab.env order. */
    public List<String> hostLetters() {
        return List.of("a", "b");
    }
}
