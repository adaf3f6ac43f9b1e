package dev.novalibvirt.libvirt.driver;

import static dev.novalibvirt.core.sweep.HostileInput.CEPHX_KEY;

import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.LiveMigrationCallbacks;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.image.Image;
import dev.novalibvirt.core.image.ImageBackend;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.core.image.MonitorEndpoint;
import dev.novalibvirt.core.sweep.HostileInput;
import dev.novalibvirt.core.sweep.HostileInput.Outcome;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.libvirt.lock.DiskLease;
import dev.novalibvirt.libvirt.lock.SanlockSettings;
import dev.novalibvirt.migration.monitor.MigrationListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 15 part 2 for {@code libvirt-driver}: bad inputs against its public entry points (instance dirs, the
 * sanlock writer, disk leases, the driver builder, the cephx secret a host defines). Each must be refused with a
 * typed {@code NovaException} naming the field, showing no secret, and with nothing changed on disk.
 */
class HostileInputSweepTest {
    private static final String UUID = "0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b";
    private static final String SECRET_UUID = "5d5e6f70-8192-4a3b-9c4d-5e6f70819203";
    private static final List<Outcome> OUTCOMES = Collections.synchronizedList(new ArrayList<>());
    private static Path root;
    private static Path instances;
    private static Path outside;

    @BeforeAll
    static void setUp() throws IOException {
        root = Files.createTempDirectory("hostile-instances");
        instances = Files.createDirectory(root.resolve("instances"));
        outside = Files.createDirectory(root.resolve("outside"));
        // an instance dir that is a symlink leaving instances_path: console.log must not land in 'outside'
        Files.createSymbolicLink(instances.resolve(UUID), outside);
        Files.writeString(instances.resolve("console.log"), "not a test file");
    }

    private static InstanceDirs dirs() {
        return new InstanceDirs(instances);
    }

    /** A backend of images_type {@code type} that reports no monitors. */
    record Backend(String type) implements ImageBackend {
        @Override public String imagesType() { return type; }
        @Override public Image image(InstanceDisk disk) { throw new UnsupportedOperationException(); }
        @Override public boolean isSharedBlockStorage() { return true; }
        @Override public boolean isFileInInstancePath() { return false; }
        @Override public boolean supportsClone() { return true; }
        @Override public List<String> cleanupInstanceDisks(String instanceUuid) { return List.of(); }
        @Override public List<MonitorEndpoint> currentMonitors() { return List.of(); }
        @Override public void close() { }
    }

    private static NovaConfig config() {
        return NovaConfig.parse("[DEFAULT]\nhost = compute-1\ninstances_path = " + instances
                + "\n[libvirt]\nimages_type = rbd\n");
    }

    static HostileInput instanceDirs() {
        HostileInput s = new HostileInput("libvirt.InstanceDirs");
        s.add("instances_path null", "instances_path", () -> new InstanceDirs(null));
        s.add("instances_path relative", "instances_path", () -> new InstanceDirs(Path.of("relative/instances")));
        s.add("instances_path with a newline", "instances_path", () -> new InstanceDirs(Path.of("/srv/inst\nances")));
        s.add("instance dir null", "instance dir", () -> dirs().instanceDir(null));
        s.add("instance dir empty", "instance dir", () -> dirs().instanceDir(""));
        s.add("instance dir .", "instance dir", () -> dirs().instanceDir("."));
        s.add("instance dir ../etc", "instance dir", () -> dirs().instanceDir("../etc"));
        s.add("instance dir a/../b", "instance dir", () -> dirs().instanceDir("a/../b"));
        s.add("instance dir a/b", "instance dir", () -> dirs().instanceDir("a/b"));
        s.add("instance dir /etc", "instance dir", () -> dirs().instanceDir("/etc"));
        s.add("instance dir with NUL", "instance dir", () -> dirs().instanceDir(UUID + "\0"));
        s.add("instance dir a cephx key", "instance dir", () -> dirs().instanceDir(CEPHX_KEY));
        s.add("instance dir 300 characters", "instance dir", () -> dirs().instanceDir("a".repeat(300)));
        s.add("ensureInstanceDir with a newline", "instance dir", () -> dirs().ensureInstanceDir("inst\nance"));
        s.add("createDestinationDir with a newline", "instance dir",
                () -> dirs().createDestinationDir("inst\nance"));
        s.add("touchConsoleLog through a symlink leaving instances_path", "instances_path",
                () -> dirs().touchConsoleLog(UUID));
        s.add("consoleLog through a symlink leaving instances_path", "instances_path",
                () -> dirs().consoleLog(UUID));
        s.add("removeInstanceDir through a symlink leaving instances_path", "instances_path",
                () -> dirs().removeInstanceDir(UUID));
        s.add("shared-storage test file null", "filename", () -> dirs().checkSharedStorageTestFile(null));
        s.add("shared-storage test file ../x", "filename", () -> dirs().checkSharedStorageTestFile("../x"));
        s.add("shared-storage test file a cephx key", "filename",
                () -> dirs().checkSharedStorageTestFile(CEPHX_KEY));
        s.add("shared-storage cleanup console.log (not a test file)", "filename",
                () -> dirs().cleanupSharedStorageTestFile("console.log"));
        s.add("shared-storage cleanup with a newline", "filename",
                () -> dirs().cleanupSharedStorageTestFile("tmp1\n"));
        return s;
    }

    static HostileInput sanlock() {
        HostileInput s = new HostileInput("libvirt.lock");
        Path leases = Path.of("/var/lib/libvirt/sanlock");
        s.add("disk_lease_dir null", "disk_lease_dir", () -> new SanlockSettings(null, 1, true, true, "root", "root"));
        s.add("disk_lease_dir relative", "disk_lease_dir", () -> SanlockSettings.autoLeases(Path.of("leases"), 1));
        s.add("disk_lease_dir with CR", "disk_lease_dir", () -> SanlockSettings.autoLeases(Path.of("/srv/l\rx"), 1));
        s.add("disk_lease_dir with LF", "disk_lease_dir", () -> SanlockSettings.autoLeases(Path.of("/srv/l\nx"), 1));
        s.add("host_id 0", "host_id", () -> SanlockSettings.autoLeases(leases, 0));
        s.add("host_id 2001", "host_id", () -> SanlockSettings.autoLeases(leases, 2001));
        s.add("user null", "user", () -> new SanlockSettings(leases, 1, true, true, null, "root"));
        s.add("group null", "group", () -> new SanlockSettings(leases, 1, true, true, "root", null));
        s.add("user with CR", "user", () -> new SanlockSettings(leases, 1, true, true, "root\r", "root"));
        s.add("user with NUL", "user", () -> new SanlockSettings(leases, 1, true, true, "root\0", "root"));
        s.add("user with LF and a new option", "user",
                () -> new SanlockSettings(leases, 1, true, true, "root\"\nhost_id = 7\n#", "root"));
        s.add("group with tab", "group", () -> new SanlockSettings(leases, 1, true, true, "root", "ro\tot"));
        s.add("user with a quote", "user", () -> new SanlockSettings(leases, 1, true, true, "ro\"ot", "root"));
        s.add("DiskLease.auto disk path null", "disk", () -> DiskLease.auto(leases, null));
        s.add("DiskLease.auto lease dir null", "lease", () -> DiskLease.auto(null, "/dev/sdb"));
        s.add("DiskLease target null", "target", () -> new DiskLease("ls", "key", null, 0));
        s.add("DiskLease target relative", "target", () -> new DiskLease("ls", "key", Path.of("l"), 0));
        s.add("DiskLease key with a newline", "key", () -> new DiskLease("ls", "k\ney", leases.resolve("k"), 0));
        s.add("DiskLease lockspace 49 characters", "lockspace",
                () -> new DiskLease("l".repeat(49), "key", leases.resolve("k"), 0));
        s.add("DiskLease offset 100", "offset", () -> new DiskLease("ls", "key", leases.resolve("k"), 100));
        return s;
    }

    static HostileInput builder() {
        HostileInput s = new HostileInput("libvirt.builder");
        s.add("empty builder", "config", () -> LibvirtDriver.builder().build());
        s.add("builder without host", "host", () -> LibvirtDriver.builder().config(config()).build());
        s.add("builder without image backend", "imageBackend",
                () -> LibvirtDriver.builder().config(config()).host(new FakeHost()).build());
        s.add("builder with a backend of another images_type", "images_type",
                () -> LibvirtDriver.builder().config(config()).host(new FakeHost()).imageBackend(new Backend("qcow2"))
                        .build());
        s.add("builder rbd without monitors", "monitors",
                () -> LibvirtDriver.builder().config(config()).host(new FakeHost()).imageBackend(new Backend("rbd"))
                        .build());
        s.add("builder with jobWaiter and migrationListener", "migrationListener",
                () -> LibvirtDriver.builder().config(config()).host(new FakeHost()).imageBackend(new Backend("rbd"))
                        .monitors(List::of).jobWaiter((instance, guest, operation) -> null).migrationListener(MigrationListener.NONE)
                        .build());
        return s;
    }

    private static LibvirtDriver fakeDriver() {
        return LibvirtDriver.builder().config(config()).host(new FakeHost()).imageBackend(new Backend("rbd"))
                .monitors(List::of).build();
    }

    private static final Instance INSTANCE = new Instance(UUID, "instance-00000001", 512, 1, 1, "cirros");
    private static final LiveMigrationCallbacks CALLBACKS = new LiveMigrationCallbacks() {
        @Override public void postMethod(Instance i, String dest, boolean block, LibvirtLiveMigrateData md) { }
        @Override public void recoverMethod(Instance i, String dest, LibvirtLiveMigrateData md, MigrationStatus st) { }
    };

    /** The driver's ComputeDriver methods on a fake host: a missing instance or a peer's foreign path is refused. */
    static HostileInput driver() {
        HostileInput s = new HostileInput("libvirt.driver");
        NetworkInfo net = new NetworkInfo(List.of());
        LibvirtLiveMigrateData checked = LibvirtLiveMigrateData.builder().isSharedInstancePath(false)
                .isSharedBlockStorage(true).build();
        LibvirtLiveMigrateData otherDir = checked.toBuilder()
                .instanceRelativePath("1b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b").build();
        s.add("spawn instance null", "instance", () -> fakeDriver().spawn(null, null, net, null, true));
        s.add("destroy instance null", "instance", () -> fakeDriver().destroy(null, net, null, true, true));
        s.add("cleanup instance null", "instance", () -> fakeDriver().cleanup(null, net, null, true, null, true,
                true));
        s.add("getInfo instance null", "instance", () -> fakeDriver().getInfo(null));
        s.add("instanceExists instance null", "instance", () -> fakeDriver().instanceExists(null));
        s.add("checkCanLiveMigrateSource instance null", "instance",
                () -> fakeDriver().checkCanLiveMigrateSource(null, LibvirtLiveMigrateData.builder().build(), null));
        s.add("checkCanLiveMigrateSource dest data null", "migrate data",
                () -> fakeDriver().checkCanLiveMigrateSource(INSTANCE, null, null));
        s.add("cleanupLiveMigrationDestinationCheck null", "migrate data",
                () -> fakeDriver().cleanupLiveMigrationDestinationCheck(null))
                .leave("Nova's cleanup_live_migration_destination_check takes none too: nothing to clean up");
        s.add("preLiveMigration instance null", "instance",
                () -> fakeDriver().preLiveMigration(null, null, net, checked));
        s.add("preLiveMigration migrate data null", "migrate data",
                () -> fakeDriver().preLiveMigration(INSTANCE, null, net, null));
        s.add("preLiveMigration into another instance's dir", "instance_relative_path",
                () -> fakeDriver().preLiveMigration(INSTANCE, null, net, otherDir));
        s.add("liveMigration instance null", "instance",
                () -> fakeDriver().liveMigration(null, "host-b", CALLBACKS, false, LibvirtLiveMigrateData.builder()
                        .build()));
        s.add("liveMigration dest a;reboot", "hostname",
                () -> fakeDriver().liveMigration(INSTANCE, "a;reboot", CALLBACKS, false, LibvirtLiveMigrateData
                        .builder().build()));
        s.add("liveMigration dest null", "hostname",
                () -> fakeDriver().liveMigration(INSTANCE, null, CALLBACKS, false, LibvirtLiveMigrateData.builder()
                        .build()));
        s.add("liveMigration callbacks null", "callbacks",
                () -> fakeDriver().liveMigration(INSTANCE, "host-b", null, false, LibvirtLiveMigrateData.builder()
                        .build()));
        s.add("liveMigrationAbort instance null", "instance", () -> fakeDriver().liveMigrationAbort(null));
        s.add("liveMigrationForceComplete instance null", "instance",
                () -> fakeDriver().liveMigrationForceComplete(null));
        s.add("postLiveMigrationAtSource instance null", "instance",
                () -> fakeDriver().postLiveMigrationAtSource(null, net));
        s.add("postLiveMigrationAtDestination instance null", "instance",
                () -> fakeDriver().postLiveMigrationAtDestination(null, net, false, null));
        s.add("rollbackLiveMigrationAtSource instance null", "instance",
                () -> fakeDriver().rollbackLiveMigrationAtSource(null, null));
        s.add("rollbackLiveMigrationAtDestination instance null", "instance",
                () -> fakeDriver().rollbackLiveMigrationAtDestination(null, net, null, true, null));
        s.add("rollbackLiveMigrationAtDestination removing another instance's dir", "instance_relative_path",
                () -> fakeDriver().rollbackLiveMigrationAtDestination(INSTANCE, net, null, true, otherDir));
        return s;
    }

    /** The libvirt test driver's host: validation must refuse before libvirt is asked anything. */
    static HostileInput secrets() {
        HostileInput s = new HostileInput("libvirt.secret");
        byte[] good = Base64.getDecoder().decode(CEPHX_KEY);
        byte[] wrongType = good.clone();
        wrongType[0] = 7;
        s.add("defineCephSecret value null", "cephx key", () -> withTestHost(h -> h.defineCephSecret(SECRET_UUID,
                "client.nova secret", null)));
        s.add("defineCephSecret value the base64 text, not the key bytes", "cephx key",
                () -> withTestHost(h -> h.defineCephSecret(SECRET_UUID, "client.nova secret",
                        CEPHX_KEY.getBytes(StandardCharsets.US_ASCII))));
        s.add("defineCephSecret value 27 bytes", "cephx key", () -> withTestHost(h -> h.defineCephSecret(SECRET_UUID,
                "client.nova secret", java.util.Arrays.copyOf(good, 27))));
        s.add("defineCephSecret value of another key type", "cephx key",
                () -> withTestHost(h -> h.defineCephSecret(SECRET_UUID, "client.nova secret", wrongType)));
        s.add("defineCephSecret value empty", "cephx key",
                () -> withTestHost(h -> h.defineCephSecret(SECRET_UUID, "client.nova secret", new byte[0])));
        s.add("defineCephSecret uuid a cephx key", "secret uuid",
                () -> withTestHost(h -> h.defineCephSecret(CEPHX_KEY, "client.nova secret", good.clone())));
        s.add("defineCephSecret uuid null", "secret uuid",
                () -> withTestHost(h -> h.defineCephSecret(null, "client.nova secret", good.clone())));
        s.add("defineCephSecret usage name with a newline", "usage",
                () -> withTestHost(h -> h.defineCephSecret(SECRET_UUID, "client.nova\nsecret", good.clone())));
        s.add("defineCephSecret usage name null", "usage",
                () -> withTestHost(h -> h.defineCephSecret(SECRET_UUID, null, good.clone())));
        // pre_live_migration's check of the key source's key, before it is compared or defined
        s.add("secret check, key source's key the base64 text", "cephx key", () -> SecretCheck.decide(new FakeHost(),
                "host-b", SECRET_UUID, () -> Optional.of(CEPHX_KEY.getBytes(StandardCharsets.US_ASCII)), true));
        s.add("secret check, key source's key 27 bytes", "cephx key", () -> SecretCheck.decide(new FakeHost(),
                "host-b", SECRET_UUID, () -> Optional.of(java.util.Arrays.copyOf(good, 27)), true));
        s.add("secret check, key source's key of another type", "cephx key", () -> SecretCheck.decide(new FakeHost(),
                "host-b", SECRET_UUID, () -> Optional.of(wrongType.clone()), false));
        return s;
    }

    @FunctionalInterface
    interface HostCall {
        void run(Host host) throws Exception;
    }

    private static void withTestHost(HostCall call) throws Exception {
        try (Host h = Host.open("test:///default")) {
            call.run(h);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedTypedAndClear() {
        return HostileInput.dynamicTests(OUTCOMES, instanceDirs(), sanlock(), builder(), secrets(), driver());
    }

    @AfterAll
    static void summary() throws IOException {
        HostileInput.report("libvirt-driver", OUTCOMES);
        try (Stream<Path> left = Files.list(outside)) {
            List<Path> written = left.toList();
            if (!written.isEmpty()) {
                throw new AssertionError("files created outside instances_path through a symlink: " + written);
            }
        }
        if (!Files.exists(instances.resolve("console.log"))) {
            throw new AssertionError("a peer's filename deleted a file that is no shared-storage test file");
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p); // a symlink is removed itself, never followed
            }
        }
    }
}
