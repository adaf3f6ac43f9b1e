package dev.novalibvirt.conformance.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.lab.Lab;
import dev.novalibvirt.conformance.lab.LabCapture;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.monitor.BusyGuestLab;
import dev.novalibvirt.core.config.LibvirtOptions;
import dev.novalibvirt.migration.flags.MigrationFlag;
import dev.novalibvirt.migration.flags.MigrationFlags;
import dev.novalibvirt.migration.uri.MigrationUris;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Issue 15's proof that native TLS really encrypts the migration stream: the busy guest holds 16 MiB of a random
 * marker; a capture on host-a's bridge port of everything between host-a and host-b during a migration with the
 * flags and URIs the library computes for {@code live_migration_scheme = tls} and
 * {@code live_migration_with_native_tls = true} holds TLS handshakes on QEMU's migration ports and not one copy of
 * the marker, while the same capture during the plain migration back (tcp, no TLS, same run, same guest) holds it
 * many times over.
 */
@ExtendWith(LabExtension.class)
class NativeTlsMigrationIT {
    /** QEMU's incoming migration ports in the lab (qemu.conf migration_port_min/max). */
    private static final String QEMU_PORTS = "tcp portrange 49152-49215";
    private static BusyGuestLab guests;
    private static Connect a;
    private static Connect b;
    private static LabEnv env;
    private String name;
    @TempDir
    Path captures;

    @BeforeAll
    static void openLab(Lab lab) {
        env = lab.env();
        env.get("LAB_TLS");   // a lab without TLS fails here, naming the key: rerun ./lab up
        guests = BusyGuestLab.open(env);
        a = lab.openConnect(lab.hostA());
        b = lab.openConnect(lab.hostB());
    }

    @AfterAll
    static void closeLab() throws LibvirtException {
        a.close();
        b.close();
    }

    @AfterEach
    void removeGuest() {
        if (name != null) {
            guests.destroy(name);
        }
    }

    private static LibvirtOptions options(boolean tls) {
        return TlsMigration.options(tls);
    }

    private static void migrate(Domain d, LibvirtOptions options, String destLetter) throws LibvirtException {
        TlsMigration.migrate(env, d, options, destLetter);
    }

    private LabCapture[] capture(String what) {
        String veth = env.get("HOST_A_VETH");
        String between = "host " + env.get("HOST_A_IP") + " and host " + env.get("HOST_B_IP");
        return new LabCapture[] {
                LabCapture.start(veth, between, captures.resolve(what + "-all.pcap")),
                LabCapture.start(veth, between + " and " + QEMU_PORTS, captures.resolve(what + "-qemu.pcap"))};
    }

    @Test
    void theMarkerCrossesTheWireInClearWithoutTlsAndNeverWithNativeTls() throws Exception {
        assertThat(options(true).liveMigrationWithNativeTls()).isTrue();
        assertThat(MigrationFlags.forMigration(options(true), false, false, false).has(MigrationFlag.TLS))
                .as("the flags the executor passes for live_migration_with_native_tls").isTrue();
        assertThat(MigrationFlags.forMigration(options(false), false, false, false).has(MigrationFlag.TLS)).isFalse();
        assertThat(MigrationUris.forMigration(options(true), "host-b", env.get("HOST_B_IP")).connectionUri())
                .startsWith("qemu+tls://");

        String marker = "nlabmark-" + UUID.randomUUID().toString().replace("-", "");
        byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
        name = BusyGuestLab.name("tls");
        Domain onA = guests.start(a, 'a', name, "mem_mb=256", "marker=" + marker, "marker_mb=16");

        // a -> b with native TLS (and libvirt's own connection over TLS)
        LabCapture[] tls = capture("tls");
        try {
            migrate(onA, options(true), "b");
        } finally {
            for (LabCapture c : tls) {
                c.stop();
            }
        }
        assertThat(guests.waitForNewHeartbeat('b', name, Duration.ofSeconds(30))).as("alive on host-b").isPresent();
        long tlsBytes = tls[1].stop();
        assertThat(tlsBytes).as("bytes captured on QEMU's ports during the TLS migration").isGreaterThan(1 << 20);
        assertThat(tls[1].countTlsClientHellos()).as("TLS handshakes on QEMU's migration ports").isPositive();
        assertThat(tls[0].count(needle)).as("copies of the marker between the hosts during the native-TLS migration")
                .isZero();

        // b -> a plain: the control, same guest, same marker
        LabCapture[] plain = capture("plain");
        try {
            migrate(b.domainLookupByName(name), options(false), "a");
        } finally {
            for (LabCapture c : plain) {
                c.stop();
            }
        }
        assertThat(guests.waitForNewHeartbeat('a', name, Duration.ofSeconds(30))).as("alive on host-a").isPresent();
        assertThat(plain[1].count(needle)).as("copies of the marker in the plain migration stream").isGreaterThan(100);
        assertThat(plain[1].countTlsClientHellos()).as("no TLS on QEMU's ports without native TLS").isZero();
    }
}
