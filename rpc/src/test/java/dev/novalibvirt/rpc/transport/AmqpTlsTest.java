package dev.novalibvirt.rpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.rpc.ConfigurationError;
import dev.novalibvirt.rpc.MessageDeliveryFailure;
import dev.novalibvirt.rpc.TlsHandshakeFailure;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.config.RabbitSsl;
import dev.novalibvirt.rpc.config.TransportUrl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to the broker against a JDK TLS server on loopback that speaks no AMQP: whether the handshake is made,
 * refused for an untrusted or misnamed broker, and what the errors say. The certificates are made by the JDK's
 * keytool in a temporary directory (no key material in the repository).
 */
class AmqpTlsTest {
    private static final String PASSWORD = "S3cr3t-P4ss";
    private static final char[] STORE_PW = "store-pw".toCharArray();
    @TempDir
    static Path dir;
    private static Path brokerCert;
    private static Path brokerKey;
    private static Path otherCa;
    private static Path misnamedStore;
    private SSLServerSocket server;
    private final AtomicInteger handshakes = new AtomicInteger();

    @BeforeAll
    static void certificates() throws Exception {
        brokerCert = selfSigned("broker", "ip:127.0.0.1");
        brokerKey = pkcs8Key("broker");
        otherCa = selfSigned("other", "ip:127.0.0.1");
        selfSigned("misnamed", "ip:127.0.0.2");
        misnamedStore = dir.resolve("misnamed.p12");
    }

    /** A self-signed certificate (its own CA) with the SAN given, in {@code NAME.p12}; returns its PEM file. */
    private static Path selfSigned(String name, String san) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + name + ",O=nova-libvirt-test", "-ext", "SAN=" + san,
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(STORE_PW));
        // exported here rather than by a second keytool run: each one is a JVM start
        return pem(dir.resolve(name + "-cert.pem"), "CERTIFICATE", store(name).getCertificate(name).getEncoded());
    }

    private static Path pkcs8Key(String name) throws Exception {
        PrivateKey key = (PrivateKey) store(name).getKey(name, STORE_PW);
        return pem(dir.resolve(name + "-key.pem"), "PRIVATE KEY", key.getEncoded());
    }

    private static KeyStore store(String name) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            ks.load(in, STORE_PW);
        }
        return ks;
    }

    private static Path pem(Path file, String type, byte[] der) throws IOException {
        return Files.writeString(file, "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n");
    }

    private static void keytool(String... args) throws Exception {
        var cmd = new java.util.ArrayList<String>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
        }
    }

    /** A TLS server on loopback with the certificate of {@code store}; it completes handshakes, then hangs up. */
    private int serve(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, STORE_PW);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, STORE_PW);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) ctx.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    ((SSLSocket) s).startHandshake();
                    handshakes.incrementAndGet();
                    // the AMQP header in, a header of another version out: the client gives up at once
                    s.getInputStream().readNBytes(8);
                    s.getOutputStream().write(new byte[] {'A', 'M', 'Q', 'P', 1, 1, 8, 0});
                    s.getOutputStream().flush();
                    s.getInputStream().read();
                } catch (IOException e) {
                    // a refused handshake or the server closing
                }
            }
        }, "tls-test-server");
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static RabbitOptions tls(Path ca) {
        return RabbitOptions.defaults().withSsl(RabbitSsl.of(true, ca == null ? null : ca.toString(), null, null, ""));
    }

    private static TransportUrl url(int port) {
        return TransportUrl.parse("rabbit://nova:" + PASSWORD + "@127.0.0.1:" + port + "/nova");
    }

    @Test
    void aBrokerSignedByTheConfiguredCaGetsAHandshake() throws Exception {
        int port = serve(dir.resolve("broker.p12"));
        // the handshake is made; the failure after it is the missing AMQP, not TLS
        assertThatThrownBy(() -> AmqpTransport.connect(url(port), tls(brokerCert), "tls-test"))
                .isInstanceOf(MessageDeliveryFailure.class).isNotInstanceOf(TlsHandshakeFailure.class)
                .hasMessageNotContaining(PASSWORD);
        assertThat(handshakes).hasValue(1);
    }

    @Test
    void aBrokerOfAnotherCaIsRefusedWithATypedErrorAndNoPassword() throws Exception {
        int port = serve(dir.resolve("broker.p12"));
        assertThatThrownBy(() -> AmqpTransport.connect(url(port), tls(otherCa), "tls-test"))
                .isInstanceOf(TlsHandshakeFailure.class)
                .hasMessageStartingWith("TLS with rabbit://nova:***@127.0.0.1:" + port + "/nova failed: ")
                .hasMessageNotContaining(PASSWORD);
        assertThat(handshakes).hasValue(0);
    }

    @Test
    void aBrokerWhoseCertificateNamesAnotherAddressIsRefused() throws Exception {
        // trusted (its own CA is configured) but issued for 127.0.0.2: hostname verification refuses it
        int port = serve(misnamedStore);
        assertThatThrownBy(() -> AmqpTransport.connect(url(port), tls(dir.resolve("misnamed-cert.pem")), "tls-test"))
                .isInstanceOf(TlsHandshakeFailure.class).hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aClientCertificateAndItsKeyMakeAContext() {
        RabbitSsl ssl = RabbitSsl.of(true, brokerCert.toString(), brokerCert.toString(), brokerKey.toString(), "");
        assertThat(AmqpTls.context(ssl).getProtocol()).isEqualTo("TLS");
    }

    @Test
    void filesThatAreNotWhatTheOptionWantsAreConfigurationErrorsThatNeverQuoteThem() throws Exception {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "ssl secret " + PASSWORD + "\n");
        Path pkcs1 = Files.writeString(dir.resolve("pkcs1.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> AmqpTls.context(RabbitSsl.of(true, notPem.toString(), null, null, "")))
                .isInstanceOf(ConfigurationError.class)
                .hasMessage("[oslo_messaging_rabbit] ssl_ca_file " + notPem + " holds no PEM certificate");
        assertThatThrownBy(() -> AmqpTls.context(RabbitSsl.of(true, null, brokerCert.toString(), notPem.toString(), "")))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("holds no PEM private key")
                .hasMessageNotContaining(PASSWORD);
        RabbitSsl withPkcs1 = RabbitSsl.of(true, null, brokerCert.toString(), pkcs1.toString(), "");
        assertThatThrownBy(() -> AmqpTls.context(withPkcs1)).isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("is a 'RSA' key; expected an unencrypted PKCS#8 key");
        assertThatThrownBy(() -> AmqpTls.context(RabbitSsl.of(true, dir.resolve("absent.pem").toString(), null, null,
                ""))).isInstanceOf(ConfigurationError.class).hasMessageContaining("is not a readable file");
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsNamed() throws Exception {
        Path otherKey = pkcs8Key("other");
        assertThatThrownBy(() -> AmqpTls.context(RabbitSsl.of(true, null, brokerCert.toString(), otherKey.toString(),
                ""))).isInstanceOf(ConfigurationError.class).hasMessageContaining("does not fit ssl_cert_file");
    }
}
