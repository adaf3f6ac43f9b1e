package dev.novalibvirt.rbdlibvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.libvirt.driver.PollingJobWaiter;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdImageBackend;
import dev.novalibvirt.rbd.rados.RbdError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembly from nova.conf alone, over a Host that is no libvirtd and a backend that never connects (librados
 * connects on first use; these tests use none): what it refuses before opening anything, and what it closes.
 */
class RbdLibvirtTest {
    @TempDir
    Path dir;
    private final List<String> opened = new ArrayList<>();
    private final List<NoHost> hosts = new ArrayList<>();
    private final List<RbdImageBackend> backends = new ArrayList<>();
    private final AtomicInteger cephProbes = new AtomicInteger();

    @BeforeEach
    void cephConf() throws Exception {
        Files.writeString(dir.resolve("ceph.conf"), "[global]\nmon_host = 10.0.0.1\n");
    }

    private NovaConfig nova(String libvirtOptions) {
        return NovaConfig.parse("[DEFAULT]\nhost = compute-1\ninstances_path = " + dir.resolve("instances")
                + "\n[libvirt]\nrbd_user = nova\nimages_rbd_ceph_conf = " + dir.resolve("ceph.conf") + "\n"
                + libvirtOptions);
    }

    private RbdLibvirt.Builder builder(NovaConfig nova) {
        Function<String, Host> hostOpener = uri -> {
            opened.add("host " + uri);
            NoHost h = new NoHost(uri);
            hosts.add(h);
            return h;
        };
        Function<RbdConfig, RbdImageBackend> backendFactory = c -> {
            opened.add("backend " + c.pool());
            RbdImageBackend b = RbdImageBackend.of(c);
            backends.add(b);
            return b;
        };
        return RbdLibvirt.builder(nova).seams(hostOpener, backendFactory, () -> {
            cephProbes.incrementAndGet();
            return Optional.of(ComponentVersion.of(18, 2));
        }, dir.resolve("etc-ceph"));
    }

    private static void assertClosed(RbdImageBackend backend) {
        // a closed driver refuses before it would connect
        assertThatThrownBy(() -> backend.driver().connection()).isInstanceOf(RbdError.ConnectionClosed.class);
    }

    @Test
    void aNovaConfThatIsNotRbdIsRefusedBeforeAnythingIsOpened() {
        assertThatThrownBy(() -> builder(nova("images_type = qcow2\n")).build())
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("images_type");
        assertThat(opened).isEmpty();
    }

    @Test
    void aMissingNovaConfIsNamedAsTheBuildersPart() {
        assertThatThrownBy(() -> RbdLibvirt.builder(null)).isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining("novaConfig");
    }

    @Test
    void aCephConfThatCannotBeReadIsNamedByItsOption() throws Exception {
        Files.delete(dir.resolve("ceph.conf"));
        assertThatThrownBy(() -> builder(nova("images_type = rbd\n")).build())
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("images_rbd_ceph_conf")
                .hasMessageContaining("ceph.conf");
        assertThat(opened).isEmpty();
    }

    @Test
    void aBlankLibvirtUriIsRefusedNamingConnectionUri() {
        assertThatThrownBy(() -> builder(nova("images_type = rbd\n")).connect(" ").build())
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("connection_uri")
                .hasMessageContaining("connect");
        assertThat(opened).isEmpty();
    }

    @Test
    void everythingComesFromNovaConfAndClosingClosesTheDriverAndThenTheBackend() {
        RbdLibvirtDriver host = builder(nova("images_type = rbd\nimages_rbd_pool = vms\n")).build();
        assertThat(opened).containsExactly("backend vms", "host qemu:///system");
        assertThat(host.driver().host()).isEqualTo("compute-1");
        assertThat(host.driver().libvirtHost()).isSameAs(hosts.get(0));
        assertThat(host.imageBackend()).isSameAs(backends.get(0));
        assertThat(cephProbes).hasValue(1);

        host.close();
        assertThat(hosts.get(0).isOpen()).isFalse();
        assertClosed(backends.get(0));
    }

    @Test
    void aHostThatFailsToCloseStillLetsTheBackendClose() {
        RbdLibvirtDriver host = builder(nova("images_type = rbd\n")).connect("qemu+tcp://compute-1/system").build();
        hosts.get(0).closeFailure = new IllegalStateException("libvirtd went away");
        assertThatThrownBy(host::close).hasMessage("libvirtd went away");
        assertClosed(backends.get(0));
    }

    @Test
    void whenTheDriverCannotBeBuiltTheBackendAndTheHostAreClosedAgain() {
        assertThatThrownBy(() -> builder(nova("images_type = rbd\n"))
                .migrationListener(MigrationListener.NONE).driver(d -> d.jobWaiter(new PollingJobWaiter())).build())
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("migrationListener");
        assertThat(hosts.get(0).isOpen()).isFalse();
        assertClosed(backends.get(0));
    }

    @Test
    void aGivenCephVersionAndKeySourceAreUsedInsteadOfTheProbes() throws Exception {
        // ceph.conf names a keyring nobody can read: given keys, it is not consulted
        Files.writeString(dir.resolve("ceph.conf"), "[client]\nkeyring = " + dir.resolve("gone") + "\n");
        try (RbdLibvirtDriver host = builder(nova("images_type = rbd\n")).cephVersion(null)
                .keys(Optional::empty, false).build()) {
            assertThat(cephProbes).hasValue(0);
            assertThat(host.driver().host()).isEqualTo("compute-1");
        }
    }

    @Test
    void theLibvirtUriIsNovasConnectionUriElseTheOneOfVirtType() {
        assertThat(RbdLibvirt.connectionUri(nova("images_type = rbd\n"))).isEqualTo("qemu:///system");
        assertThat(RbdLibvirt.connectionUri(nova("virt_type = lxc\n"))).isEqualTo("lxc:///");
        assertThat(RbdLibvirt.connectionUri(nova("connection_uri = qemu+tcp://compute-1/system\n")))
                .isEqualTo("qemu+tcp://compute-1/system");
    }
}
