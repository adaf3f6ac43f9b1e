package dev.novalibvirt.rpc.config;

import dev.novalibvirt.rpc.ConfigurationError;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * TLS to the broker, from oslo.messaging's {@code [oslo_messaging_rabbit]} options (its {@code impl_rabbit}
 * {@code _fetch_ssl_params}): {@code ssl} turns it on for every host of {@code transport_url} (oslo has no
 * {@code amqps://} scheme), the files are PEM.
 *
 * <p>One deliberate difference: oslo verifies the broker only when {@code ssl_ca_file} is set (else Python's
 * {@code CERT_NONE}); here the broker's certificate and host name are always verified, against {@code ssl_ca_file}
 * or, without it, the JVM's trusted CAs. A connection that cannot be verified is refused, never made quietly.
 *
 * @param enabled  {@code ssl} (default false)
 * @param caFile   {@code ssl_ca_file}: the CAs the broker's certificate must chain to; null = the JVM's
 * @param certFile {@code ssl_cert_file}: this client's certificate (chain), null = none
 * @param keyFile  {@code ssl_key_file}: its unencrypted PKCS#8 private key; given exactly when certFile is
 * @param protocol the JSSE protocol for {@code ssl_version}: {@code TLS} (negotiate, oslo's default and
 *                 {@code SSLv23}), {@code TLSv1.2} or {@code TLSv1.3}
 */
public record RabbitSsl(boolean enabled, Path caFile, Path certFile, Path keyFile, String protocol) {
    private static final String SECTION = "[oslo_messaging_rabbit] ";
    /** oslo's {@code ssl_version} spellings that a current JVM still speaks. */
    private static final Map<String, String> PROTOCOLS = Map.of("", "TLS", "sslv23", "TLS", "tls", "TLS",
            "tlsv1_2", "TLSv1.2", "tlsv1_3", "TLSv1.3");

    public RabbitSsl {
        if (enabled && (certFile == null) != (keyFile == null)) {
            throw new ConfigurationError(SECTION + (certFile == null ? "ssl_key_file is set without ssl_cert_file"
                    : "ssl_cert_file is set without ssl_key_file") + ": a client certificate needs both");
        }
        if (protocol == null || !PROTOCOLS.containsValue(protocol)) {
            throw new ConfigurationError(SECTION + "ssl_version maps to no TLS protocol (expected one of "
                    + PROTOCOLS.keySet() + ")");
        }
    }

    /** TLS off, oslo's default. */
    public static RabbitSsl off() {
        return new RabbitSsl(false, null, null, null, "TLS");
    }

    /**
     * From the option values as nova.conf gives them (empty = unset, oslo's defaults). When {@code ssl} is off the
     * other options are ignored, as oslo ignores them.
     *
     * @throws ConfigurationError for an {@code ssl_version} that is unknown or insecure (SSLv2/3, TLSv1, TLSv1.1:
     *                            disabled in current JVMs), or a certificate without its key
     */
    public static RabbitSsl of(boolean ssl, String caFile, String certFile, String keyFile, String sslVersion) {
        if (!ssl) {
            return off();
        }
        String v = sslVersion == null ? "" : sslVersion.strip().toLowerCase(Locale.ROOT);
        String protocol = PROTOCOLS.get(v);
        if (protocol == null) {
            // not quoted: whatever was pasted there might be a secret
            throw new ConfigurationError(SECTION + "ssl_version is not supported (expected one of sslv23, tlsv1_2, "
                    + "tlsv1_3 or unset; sslv2, sslv3, tlsv1 and tlsv1_1 are insecure and disabled in the JVM)");
        }
        return new RabbitSsl(true, path("ssl_ca_file", caFile), path("ssl_cert_file", certFile),
                path("ssl_key_file", keyFile), protocol);
    }

    private static Path path(String option, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Path.of(value.strip());
        } catch (InvalidPathException e) {
            throw new ConfigurationError(SECTION + option + " is not a usable file path (" + e.getReason() + ")");
        }
    }
}
