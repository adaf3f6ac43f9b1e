package dev.novalibvirt.migration.sweep;

import static dev.novalibvirt.core.sweep.HostileInput.CEPHX_KEY;

import dev.novalibvirt.core.config.LibvirtOptions;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.image.Image;
import dev.novalibvirt.core.image.ImageBackend;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.core.image.MonitorEndpoint;
import dev.novalibvirt.core.sweep.HostileInput;
import dev.novalibvirt.core.sweep.HostileInput.Outcome;
import dev.novalibvirt.migration.flags.MigrationFlags;
import dev.novalibvirt.migration.uri.MigrationAddress;
import dev.novalibvirt.migration.uri.MigrationUris;
import dev.novalibvirt.migration.xml.GuestXmlUpdater;
import dev.novalibvirt.migration.xml.MigrationXmlContext;
import dev.novalibvirt.migration.xml.MonitorAddress;
import dev.novalibvirt.migration.xml.MonitorAddressSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 15 part 2 for {@code migration}: bad inputs against its public entry points (URIs, addresses, monitors, the
 * XML update and its context, flags). Each must be refused with a typed {@code NovaException} naming the field.
 */
class HostileInputSweepTest {
    private static final String UUID = "0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b";
    private static final List<Outcome> OUTCOMES = Collections.synchronizedList(new ArrayList<>());
    private static final LibvirtOptions OPTIONS = NovaConfig.defaultConfig().libvirt();

    private static final String DOMAIN = "<domain type='kvm'><name>instance-00000001</name>"
            + "<uuid>" + UUID + "</uuid><memory unit='KiB'>524288</memory><vcpu>1</vcpu>"
            + "<os><type arch='x86_64'>hvm</type></os><devices>"
            + "<disk type='network' device='disk'><driver name='qemu' type='raw'/>"
            + "<source protocol='rbd' name='vms/" + UUID + "_disk'><host name='198.18.0.21' port='6789'/></source>"
            + "<target dev='vda' bus='virtio'/></disk>"
            + "<serial type='tcp'><source mode='bind' host='198.18.0.11' service='10000'/>"
            + "<protocol type='raw'/><target port='%s'/></serial></devices></domain>";

    private static String xml(String targetPort) {
        return String.format(DOMAIN, targetPort);
    }

    /** A backend that reports {@code monitors} (or, with null, none at all). */
    static ImageBackend backend(List<MonitorEndpoint> monitors) {
        return new ImageBackend() {
            @Override public String imagesType() { return "rbd"; }
            @Override public Image image(InstanceDisk disk) { throw new UnsupportedOperationException(); }
            @Override public boolean isSharedBlockStorage() { return true; }
            @Override public boolean isFileInInstancePath() { return false; }
            @Override public boolean supportsClone() { return true; }
            @Override public List<String> cleanupInstanceDisks(String instanceUuid) { return List.of(); }
            @Override public boolean reportsMonitors() { return monitors != null; }
            @Override public List<MonitorEndpoint> currentMonitors() { return monitors; }
            @Override public void close() { }
        };
    }

    static HostileInput uri() {
        HostileInput s = new HostileInput("migration.uri");
        for (String bad : List.of("host b", "a;reboot", "a&&reboot", "$(reboot)", "-oProxyCommand", "h\n", "h\0",
                "h:-1", "h:70000", "h:0", "h:", "[::1", "[198.18.0.1]:4444", "1:2:3", "")) {
            s.add("MigrationAddress.parse " + bad.replace("\n", "\\n").replace("\0", "\\0"), "migration address",
                    () -> MigrationAddress.parse(bad));
        }
        s.add("MigrationAddress.parse 300 characters", "migration address",
                () -> MigrationAddress.parse("a".repeat(300)));
        s.add("MigrationAddress.parse a cephx key with a port", "migration address",
                () -> MigrationAddress.parse(CEPHX_KEY.replace("==", "") + ":-5"));
        s.add("MigrationAddress.parse null", "migration address", () -> MigrationAddress.parse(null));
        s.add("new MigrationAddress(null)", "migration host", () -> new MigrationAddress(null, -1));
        s.add("new MigrationAddress port 70000", "port", () -> new MigrationAddress("h", 70000));
        s.add("new MigrationAddress -oProxyCommand", "migration host", () -> new MigrationAddress("-oProxyCommand", -1));
        s.add("requireValidHostname -oProxyCommand", "hostname", () -> MigrationUris.requireValidHostname("-oProxyCommand"));
        s.add("requireValidHostname null", "hostname", () -> MigrationUris.requireValidHostname(null));
        s.add("requireValidHostname a b", "hostname", () -> MigrationUris.requireValidHostname("a b"));
        s.add("requireValidHostname 300 characters", "hostname",
                () -> MigrationUris.requireValidHostname("a".repeat(300)));
        s.add("connectionUri options null", "options", () -> MigrationUris.connectionUri(null, "h"));
        s.add("connectionUri dest null", "migration address", () -> MigrationUris.connectionUri(OPTIONS, null));
        s.add("connectionUri with scheme tcp;rm -rf /", "live_migration_scheme", () -> MigrationUris.connectionUri(
                NovaConfig.parse("[libvirt]\nlive_migration_scheme = tcp;rm -rf /\n").libvirt(), "h"));
        s.add("dataUri dest -o", "migration address", () -> MigrationUris.dataUri(OPTIONS, "-oX"));
        s.add("dataUri options null", "options", () -> MigrationUris.dataUri(null, "h"));
        s.add("forMigration dest null", "hostname", () -> MigrationUris.forMigration(OPTIONS, null, null));
        s.add("forMigration dest a;b", "hostname", () -> MigrationUris.forMigration(OPTIONS, "a;b", null));
        s.add("forMigration target_connect_addr x;reboot", "migration address",
                () -> MigrationUris.forMigration(OPTIONS, "h", "x;reboot"));
        s.add("forMigration target_connect_addr port 70000", "migration address",
                () -> MigrationUris.forMigration(OPTIONS, "h", "198.18.0.12:70000"));
        s.add("forMigration options null", "options", () -> MigrationUris.forMigration(null, "h", null));
        return s;
    }

    static HostileInput xmlAndMonitors() {
        HostileInput s = new HostileInput("migration.xml");
        MigrationXmlContext serial = MigrationXmlContext.builder().serialListenAddr("198.18.0.12")
                .serialListenPorts(List.of(10001)).build();
        s.add("MonitorAddress host null", "host", () -> new MonitorAddress(null, "6789"));
        s.add("MonitorAddress host $(reboot)", "host", () -> new MonitorAddress("$(reboot)", "6789"));
        s.add("MonitorAddress host -o", "host", () -> new MonitorAddress("-oX", "6789"));
        s.add("MonitorAddress port abc", "port", () -> new MonitorAddress("mon1", "abc"));
        s.add("MonitorAddress port 70000", "port", () -> new MonitorAddress("mon1", "70000"));
        s.add("MonitorAddress port null", "port", () -> new MonitorAddress("mon1", null));
        s.add("MonitorAddressSource.of(null)", "backend", () -> MonitorAddressSource.of(null));
        s.add("MonitorAddressSource.of(backend without monitors)", "monitors",
                () -> MonitorAddressSource.of(backend(null)));
        s.add("monmap without monitors", "monitors", () -> MonitorAddressSource.of(backend(List.of())).monitorAddresses());
        s.add("monmap returned as null", "monitors", () -> MonitorAddressSource.of(new ImageBackendWithNullList())
                .monitorAddresses());
        s.add("context rbdMonitors empty", "monitors", () -> MigrationXmlContext.builder().rbdMonitors(List.of()).build());
        s.add("context rbdMonitors with null", "monitors",
                () -> MigrationXmlContext.builder().rbdMonitors(Arrays.asList((MonitorAddress) null)).build());
        s.add("context serial ports 70000", "serial", () -> MigrationXmlContext.builder().serialListenAddr("h")
                .serialListenPorts(List.of(70000)).build());
        s.add("context serial ports with null", "serial", () -> MigrationXmlContext.builder()
                .serialListenPorts(Arrays.asList((Integer) null)).build());
        s.add("context serial address $(reboot)", "serial", () -> MigrationXmlContext.builder()
                .serialListenAddr("$(reboot)").build());
        s.add("context vnc address with &&", "vnc", () -> MigrationXmlContext.builder()
                .graphicsListenAddrVnc("0.0.0.0 && reboot").build());
        s.add("context spice address with space", "spice", () -> MigrationXmlContext.builder()
                .graphicsListenAddrSpice("a b").build());
        s.add("context instance dirs relative", "instance dir", () -> MigrationXmlContext.builder()
                .instanceDirs("/var/lib/nova/instances", "../../etc").build());
        s.add("context instance dirs with ..", "instance dir", () -> MigrationXmlContext.builder()
                .instanceDirs("/var/lib/nova/instances", "/srv/../etc").build());
        s.add("context instance dirs with newline", "instance dir", () -> MigrationXmlContext.builder()
                .instanceDirs("/var/lib/nova/instances\n", "/srv").build());
        s.add("builder migrateData(null)", "migrate data", () -> MigrationXmlContext.builder().migrateData(null));
        s.add("update xml null", "xml", () -> GuestXmlUpdater.update((String) null, serial));
        s.add("update ctx null", "context", () -> GuestXmlUpdater.update(xml("0"), null));
        s.add("update domain null", "domain",
                () -> GuestXmlUpdater.update((dev.novalibvirt.core.xml.domain.Domain) null, serial));
        s.add("update unterminated XML", "domain", () -> GuestXmlUpdater.update("<domain", serial));
        s.add("update serial target port abc", "port", () -> GuestXmlUpdater.update(xml("abc"), serial));
        s.add("update serial target port -1", "port", () -> GuestXmlUpdater.update(xml("-1"), serial));
        s.add("update with a monitor $(reboot)", "host", () -> GuestXmlUpdater.update(xml("0"),
                MigrationXmlContext.builder().rbdMonitors(List.of(new MonitorAddress("$(reboot)", "6789"))).build()));
        return s;
    }

    static HostileInput flags() {
        HostileInput s = new HostileInput("migration.flags");
        s.add("forHost options null", "options", () -> MigrationFlags.forHost(null, false));
        s.add("forMigration options null", "options", () -> MigrationFlags.forMigration(null, false, false, false));
        s.add("MigrationFlags null set", "flags", () -> new MigrationFlags(null));
        return s;
    }

    /** A backend that reports monitors but hands back no list. */
    static final class ImageBackendWithNullList implements ImageBackend {
        @Override public String imagesType() { return "rbd"; }
        @Override public Image image(InstanceDisk disk) { throw new UnsupportedOperationException(); }
        @Override public boolean isSharedBlockStorage() { return true; }
        @Override public boolean isFileInInstancePath() { return false; }
        @Override public boolean supportsClone() { return true; }
        @Override public List<String> cleanupInstanceDisks(String instanceUuid) { return List.of(); }
        @Override public boolean reportsMonitors() { return true; }
        @Override public List<MonitorEndpoint> currentMonitors() { return null; }
        @Override public void close() { }
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedTypedAndClear() {
        return HostileInput.dynamicTests(OUTCOMES, uri(), xmlAndMonitors(), flags());
    }

    @AfterAll
    static void summary() throws IOException {
        HostileInput.report("migration", OUTCOMES);
    }
}
