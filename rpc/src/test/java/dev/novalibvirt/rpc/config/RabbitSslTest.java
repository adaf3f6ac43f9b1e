package dev.novalibvirt.rpc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.rpc.ConfigurationError;
import dev.novalibvirt.rpc.InvalidTransportURL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** oslo.messaging's {@code [oslo_messaging_rabbit]} TLS options as nova.conf gives them. */
class RabbitSslTest {
    private static final String URL = "[DEFAULT]\ntransport_url = rabbit://nova:S3cr3t-P4ss@198.18.0.1:5671/nova\n";

    private static RabbitSsl ssl(String rabbitSection) {
        return RpcOptions.parse(URL + "[oslo_messaging_rabbit]\n" + rabbitSection).rabbit().ssl();
    }

    @Test
    void tlsIsOffByDefaultAsInOslo() {
        assertThat(RpcOptions.parse(URL).rabbit().ssl()).isEqualTo(RabbitSsl.off());
        assertThat(RabbitOptions.defaults().ssl().enabled()).isFalse();
    }

    @Test
    void sslTurnsItOnWithTheCaAndTheClientCertificate() {
        RabbitSsl s = ssl("ssl = true\nssl_ca_file = /etc/pki/ca.pem\nssl_cert_file = /etc/pki/c.pem\n"
                + "ssl_key_file = /etc/pki/c.key\n");
        assertThat(s).isEqualTo(new RabbitSsl(true, Path.of("/etc/pki/ca.pem"), Path.of("/etc/pki/c.pem"),
                Path.of("/etc/pki/c.key"), "TLS"));
    }

    @Test
    void theDeprecatedNamesOsloStillReadsWork() {
        RabbitSsl s = ssl("rabbit_use_ssl = yes\nkombu_ssl_ca_certs = /ca.pem\nkombu_ssl_version = TLSv1_2\n");
        assertThat(s.enabled()).isTrue();
        assertThat(s.caFile()).isEqualTo(Path.of("/ca.pem"));
        assertThat(s.protocol()).isEqualTo("TLSv1.2");
    }

    @Test
    void theFilesAreIgnoredWhileSslIsOffAsOsloIgnoresThem() {
        assertThat(ssl("ssl = false\nssl_cert_file = /c.pem\n")).isEqualTo(RabbitSsl.off());
    }

    @Test
    void aCertificateWithoutItsKeyIsAConfigurationError() {
        assertThatThrownBy(() -> ssl("ssl = true\nssl_cert_file = /c.pem\n")).isInstanceOf(ConfigurationError.class)
                .isInstanceOf(InvalidConfiguration.class)
                .hasMessage("[oslo_messaging_rabbit] ssl_cert_file is set without ssl_key_file: a client certificate "
                        + "needs both");
        assertThatThrownBy(() -> ssl("ssl = true\nssl_key_file = /c.key\n")).isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("ssl_key_file is set without ssl_cert_file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1", "tlsv1_1", "SSLv3", "sslv2", "tls1.2", "S3cr3t-P4ss-pasted-here-by-mistake"})
    void insecureOrUnknownSslVersionsAreRefused(String version) {
        assertThatThrownBy(() -> ssl("ssl = true\nssl_version = " + version + "\n"))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("ssl_version")
                .hasMessageNotContaining("S3cr3t-P4ss-pasted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SSLv23", "TLSv1_2", "tlsv1_3", ""})
    void currentVersionsMapToJsseProtocols(String version) {
        assertThat(ssl("ssl = true\nssl_version = " + version + "\n").protocol()).isIn("TLS", "TLSv1.2", "TLSv1.3");
    }

    @Test
    void aPathWithNulIsATypedError() {
        assertThatThrownBy(() -> RabbitSsl.of(true, "/etc/pki/ca\0.pem", null, null, ""))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("ssl_ca_file is not a usable file path");
    }

    @Test
    void amqpsIsRefusedWithOslosWayOfSayingIt() {
        assertThatThrownBy(() -> TransportUrl.parse("amqps://nova:S3cr3t-P4ss@198.18.0.1:5671/nova"))
                .isInstanceOf(InvalidTransportURL.class)
                .hasMessageContaining("write rabbit:// and set [oslo_messaging_rabbit] ssl = true")
                .hasMessageNotContaining("S3cr3t-P4ss");
    }
}
