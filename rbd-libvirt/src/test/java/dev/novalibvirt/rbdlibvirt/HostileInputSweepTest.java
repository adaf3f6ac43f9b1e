package dev.novalibvirt.rbdlibvirt;

import static dev.novalibvirt.core.sweep.HostileInput.CEPHX_KEY;

import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.sweep.HostileInput;
import dev.novalibvirt.core.sweep.HostileInput.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 for {@code rbd-libvirt}: nova.conf and ceph.conf as an operator may get them wrong. Each must be refused
 * by {@code build()} before it opens anything (the seams here fail the case if it does), naming the option, and a
 * broken keyring must not show its key.
 */
class HostileInputSweepTest {
    private static final List<Outcome> OUTCOMES = Collections.synchronizedList(new ArrayList<>());

    @AfterAll
    static void summary() throws IOException {
        HostileInput.report("rbd-libvirt", OUTCOMES);
    }

    @TempDir
    static Path tmp;

    private static Path dir() throws IOException {
        return Files.createTempDirectory(tmp, "case");
    }

    private static void build(String cephConf, String libvirtOptions, String uri) throws IOException {
        Path d = dir();
        Path conf = d.resolve("ceph.conf");
        if (cephConf != null) {
            Files.writeString(conf, cephConf);
        }
        NovaConfig nova = NovaConfig.parse("[DEFAULT]\nhost = compute-1\ninstances_path = " + d.resolve("i")
                + "\n[libvirt]\nrbd_user = nova\nimages_rbd_ceph_conf = " + conf + "\n" + libvirtOptions);
        RbdLibvirt.Builder b = RbdLibvirt.builder(nova).seams(u -> {
            throw new AssertionError("opened libvirt at " + u);
        }, c -> {
            throw new AssertionError("opened the RBD backend");
        }, Optional::empty, d);
        (uri == null ? b : b.connect(uri)).build();
    }

    static HostileInput assembly() {
        HostileInput s = new HostileInput("rbd-libvirt.build");
        s.add("no nova.conf", "novaConfig", () -> RbdLibvirt.builder(null));
        s.add("images_type qcow2", "images_type", () -> build("", "images_type = qcow2\n", null));
        s.add("ceph.conf missing", "images_rbd_ceph_conf", () -> build(null, "images_type = rbd\n", null));
        s.add("ceph.conf not INI", "images_rbd_ceph_conf",
                () -> build("this is not ceph.conf\n", "images_type = rbd\n", null));
        s.add("ceph.conf with a NUL", "images_rbd_ceph_conf",
                () -> build("[global]\nmon_host = 10.0.0.1\u0000\n", "images_type = rbd\n", null));
        s.add("keyring named but absent", "keyring",
                () -> build("[client]\nkeyring = /nonexistent/ceph.client.nova.keyring\n", "images_type = rbd\n",
                        null));
        s.add("blank libvirt URI", "connection_uri", () -> build("", "images_type = rbd\n", "  "));
        return s;
    }

    static HostileInput keyring() {
        HostileInput s = new HostileInput("rbd-libvirt.keyring");
        s.add("key not base64", "keyring", () -> {
            Path k = Files.writeString(dir().resolve("k"), "[client.nova]\nkey = " + CEPHX_KEY + "*\n");
            new KeyringKeySource(k, "nova").cephxKey();
        });
        s.add("keyring is a directory", "keyring", () -> new KeyringKeySource(dir(), "nova").cephxKey());
        return s;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedTypedAndNamed() {
        return HostileInput.dynamicTests(OUTCOMES, assembly(), keyring());
    }
}
