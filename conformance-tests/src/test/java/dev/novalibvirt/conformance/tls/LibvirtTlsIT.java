package dev.novalibvirt.conformance.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.conformance.lab.LabCapture;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.conformance.migration.HostsSnapshot;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.flags.MigrationFlag;
import dev.novalibvirt.migration.flags.MigrationFlags;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * libvirtd's TLS listener on the lab (issue 15): who gets in (the controller's certificate, by a connection URI with
 * {@code pkipath}), who does not (no certificate, one of another CA, one of the lab CA whose DN is not allowed), and
 * the whole contract migrating a guest back and forth with {@code live_migration_scheme = tls} and
 * {@code live_migration_with_native_tls = true}, QEMU's stream seen on the wire to start with a TLS handshake; and a
 * destination whose QEMU migration cert dir lacks the server key refused by the pre-check with nothing changed.
 */
@ExtendWith(LabExtension.class)
class LibvirtTlsIT {
    private static final String TLS = "[libvirt]\nlive_migration_scheme = tls\nlive_migration_with_native_tls = true\n";

    /** qemu+tls to host-a with the client certificate in {@code pkiDir}. */
    private static String uri(LabEnv env, Path pkiDir) {
        return "qemu+tls://" + env.get("HOST_A_IP") + "/system?pkipath=" + pkiDir;
    }

    @Test
    void theControllersCertificateGetsIn(LabEnv env) throws LibvirtException {
        Connect c = new Connect(env.get("HOST_A_TLS_URI"), false);
        try {
            assertThat(c.getHostName()).isNotBlank();
            assertThat(c.isEncrypted()).as("the connection is encrypted").isEqualTo(1);
        } finally {
            c.close();
        }
    }

    @Test
    void clientsWithoutTheRightCertificateAreRefused(LabEnv env) throws Exception {
        new Connect(env.get("HOST_A_TLS_URI"), false).close();   // the listener works: refusals below are refusals
        assertRefused(uri(env, env.path("PKI_FOREIGN_DIR")), "a client certificate of another CA");
        assertRefused(uri(env, env.path("PKI_OUTSIDER_DIR")), "a lab-CA certificate whose DN is not allowed");
        // libvirt's own client will not even try without a certificate: a plain TLS client that trusts the lab CA
        // and has none must be hung up on by libvirtd before any RPC
        assertThat(hangsUpWithoutClientCertificate(env)).as("libvirtd hangs up on a client without a certificate")
                .isTrue();
    }

    /** Whether libvirtd ends a TLS session from a client without a certificate within 5 s, before any RPC. */
    private static boolean hangsUpWithoutClientCertificate(LabEnv env) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = Files.newInputStream(env.path("PKI_CA_CERT"))) {
            trust.setCertificateEntry("lab-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(env.get("HOST_A_IP"), 16514)) {
            s.setSoTimeout(5000);
            s.startHandshake();
            return s.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;   // the session stayed open: it would have been served
        } catch (IOException e) {
            return true;    // the handshake or the session was refused
        }
    }

    private static void assertRefused(String uri, String who) {
        assertThatThrownBy(() -> new Connect(uri, false).close()).as(who).isInstanceOf(LibvirtException.class);
    }

    @Test
    void theContractMigratesAGuestBackAndForthOverTlsWithNativeTls(LabEnv env, @TempDir Path captures) {
        ContractLab lab = ContractLab.of(env);
        LibvirtDriver a = lab.driver("a", lab.instancesPath("a"), TLS, lab.cephxKeys(), false);
        LibvirtDriver b = lab.driver("b", lab.instancesPath("b"), TLS, lab.cephxKeys(), false);
        Instance instance = lab.newInstance("tls");
        try {
            assertThat(MigrationFlags.forHost(a.config().libvirt(), false).has(MigrationFlag.TLS)).isTrue();
            a.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
            LibvirtDriver from = a;
            LibvirtDriver to = b;
            for (int hop = 1; hop <= 2; hop++) {
                // QEMU's stream between the hosts: the executor's flags must have made it TLS
                String filter = "host " + env.get("HOST_A_IP") + " and host " + env.get("HOST_B_IP")
                        + " and tcp portrange 49152-49215";
                LabCapture qemu = LabCapture.start(env.get("HOST_A_VETH"), filter, captures.resolve("hop" + hop + ".pcap"));
                LiveMigrationResult r;
                try {
                    r = LiveMigrationTask.builder(from, to).build()
                            .run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
                } finally {
                    qemu.stop();
                }
                String where = "hop " + hop + " " + from.host() + " -> " + to.host() + " over TLS";
                assertThat(r.completed()).as(where + ": completed, steps " + r.steps()).isTrue();
                assertThat(qemu.countTlsClientHellos()).as(where + ": TLS handshakes on QEMU's migration ports")
                        .isPositive();
                assertThat(GuestProbe.runsOn(to, instance)).as(where + ": runs on the destination").isTrue();
                assertThat(GuestProbe.serialGrows(to, instance, Duration.ofSeconds(10))).as(where + ": alive").isTrue();
                assertThat(from.instanceExists(instance)).as(where + ": gone from the source").isFalse();
                LibvirtDriver t = from;
                from = to;
                to = t;
            }
        } finally {
            GuestProbe.purge(instance, a, b);
            a.close();
            b.close();
        }
    }

    @Test
    void aDestinationWithoutQemusServerKeyIsRefusedByThePreCheckWithNothingChanged(LabEnv env, @TempDir Path pki)
            throws IOException {
        ContractLab lab = ContractLab.of(env);
        // host-b's /etc/pki/qemu as the driver sees it, but only its certificates: no key is copied, none of the lab's
        // files is touched
        Path labDir = lab.migrationTls("b").seenAt();
        for (String file : new String[] {"ca-cert.pem", "server-cert.pem"}) {
            Files.copy(labDir.resolve(file), pki.resolve(file));
        }
        LibvirtDriver a = lab.driver("a", lab.instancesPath("a"), TLS, lab.cephxKeys(), false);
        LibvirtDriver b = lab.host("b", lab.instancesPath("b"), TLS, lab.cephxKeys(), false,
                lab.migrationTls("b").seenAt(pki)).driver();
        Instance instance = lab.newInstance("tlskey");
        try {
            a.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
            HostsSnapshot before = HostsSnapshot.take(lab, instance, a, b);
            assertThatThrownBy(() -> LiveMigrationTask.builder(a, b).build()
                    .run(instance, NetworkInfo.none(), BlockDeviceInfo.none()))
                    .isInstanceOf(MigrationPreCheckError.class)
                    .hasMessageContaining("/etc/pki/qemu").hasMessageContaining("[server-key.pem]")
                    .hasMessageContaining(b.host());
            assertThat(HostsSnapshot.settled(before, () -> HostsSnapshot.take(lab, instance, a, b)))
                    .isEqualTo(before);
            assertThat(GuestProbe.runsOn(a, instance)).as("still only on the source").isTrue();
            assertThat(b.instanceExists(instance)).as("nothing on the destination").isFalse();
            assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("alive on host-a").isTrue();
        } finally {
            GuestProbe.purge(instance, a, b);
            a.close();
            b.close();
        }
    }
}
