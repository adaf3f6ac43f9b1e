package dev.novalibvirt.rpc.config;

import dev.novalibvirt.core.config.IniFile;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The nova.conf options the wire reads, under oslo.messaging's and Nova's names and defaults, read once and injected
 * (core's {@code NovaConfig} has no messaging section, so they are read here from the same {@link IniFile}).
 *
 * @param host               {@code [DEFAULT] host}: the server name this agent listens as ({@code compute.<host>});
 *                           default the machine's host name, as core's {@code DefaultOptions}
 * @param transportUrl       {@code [DEFAULT] transport_url}, required
 * @param rpcResponseTimeout {@code [DEFAULT] rpc_response_timeout} (oslo.messaging, default 60 s): plain calls, and the
 *                           call-monitor (heartbeat) timeout of long calls
 * @param longRpcTimeout     {@code [DEFAULT] long_rpc_timeout} (Nova, default 1800 s): the overall timeout of the calls
 *                           Nova's compute rpcapi marks long (check_can_live_migrate_destination, pre_live_migration,
 *                           post_live_migration_at_destination)
 * @param rabbit             {@code [oslo_messaging_rabbit]} options the queues are declared with, and TLS
 */
public record RpcOptions(String host, TransportUrl transportUrl, Duration rpcResponseTimeout, Duration longRpcTimeout,
                         RabbitOptions rabbit) {
    private static final String RABBIT = "oslo_messaging_rabbit";

    /** Reads a nova.conf file. */
    public static RpcOptions fromFile(Path novaConf) {
        return from(IniFile.read(novaConf));
    }

    /** Parses nova.conf text. */
    public static RpcOptions parse(String novaConfText) {
        return from(IniFile.parse(novaConfText));
    }

    public static RpcOptions from(IniFile ini) {
        String host = nonEmpty(ini, "DEFAULT", "host").orElseGet(RpcOptions::localHostName);
        // The URL is parsed before anything else is read so its errors come first; it is never echoed.
        TransportUrl url = TransportUrl.parse(transportUrlText(ini));
        return new RpcOptions(host, url,
                Duration.ofSeconds(seconds(ini, "DEFAULT", "rpc_response_timeout", 60, 1)),
                Duration.ofSeconds(seconds(ini, "DEFAULT", "long_rpc_timeout", 1800, 1)),
                new RabbitOptions(
                        Duration.ofSeconds(seconds(ini, "oslo_messaging_rabbit", "rabbit_transient_queues_ttl", 1800, 0)),
                        bool(ini, "oslo_messaging_rabbit", "amqp_durable_queues", false),
                        bool(ini, "oslo_messaging_rabbit", "amqp_auto_delete", false),
                        ssl(ini), retry(ini)));
    }

    /** oslo's reconnect backoff and reply retry window. */
    private static RabbitRetry retry(IniFile ini) {
        return new RabbitRetry(Duration.ofSeconds(seconds(ini, RABBIT, "rabbit_retry_interval", 1, 1)),
                Duration.ofSeconds(seconds(ini, RABBIT, "rabbit_retry_backoff", 2, 0)),
                Duration.ofSeconds(seconds(ini, RABBIT, "rabbit_interval_max", 30, 1)),
                Duration.ofSeconds(seconds(ini, RABBIT, "kombu_missing_consumer_retry_timeout", 60, 0)));
    }

    /** oslo's TLS options, under their current names or the deprecated ones oslo still reads. */
    private static RabbitSsl ssl(IniFile ini) {
        return RabbitSsl.of(bool(ini, RABBIT, first(ini, "ssl", "rabbit_use_ssl"), false),
                rabbit(ini, "ssl_ca_file", "kombu_ssl_ca_certs"), rabbit(ini, "ssl_cert_file", "kombu_ssl_certfile"),
                rabbit(ini, "ssl_key_file", "kombu_ssl_keyfile"), rabbit(ini, "ssl_version", "kombu_ssl_version"));
    }

    private static String first(IniFile ini, String key, String deprecated) {
        return nonEmpty(ini, RABBIT, key).isEmpty() && nonEmpty(ini, RABBIT, deprecated).isPresent() ? deprecated : key;
    }

    private static String rabbit(IniFile ini, String key, String deprecated) {
        return nonEmpty(ini, RABBIT, first(ini, key, deprecated)).orElse(null);
    }

    /** Interpolated as oslo.config does; an undefined {@code $name} error would quote part of the password. */
    private static String transportUrlText(IniFile ini) {
        try {
            return nonEmpty(ini, "DEFAULT", "transport_url").orElse(null);
        } catch (InvalidConfiguration e) {
            throw new dev.novalibvirt.rpc.InvalidTransportURL(
                    "it refers to an undefined $option (write $$ for a literal $ in a password)");
        }
    }

    private static Optional<String> nonEmpty(IniFile ini, String section, String key) {
        return ini.get(section, key).map(String::strip).filter(v -> !v.isEmpty());
    }

    static int seconds(IniFile ini, String section, String key, int def, int min) {
        Optional<String> v = nonEmpty(ini, section, key);
        if (v.isEmpty()) {
            return def;
        }
        try {
            int parsed = Integer.parseInt(v.get());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidConfiguration("[" + section + "] " + key + " = '" + v.get() + "' is not an integer >= " + min);
    }

    /** oslo.config's BoolOpt spellings. */
    static boolean bool(IniFile ini, String section, String key, boolean def) {
        Optional<String> v = nonEmpty(ini, section, key);
        if (v.isEmpty()) {
            return def;
        }
        switch (v.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true": case "yes": case "on": case "1":
                return true;
            case "false": case "no": case "off": case "0":
                return false;
            default:
                throw new InvalidConfiguration("[" + section + "] " + key + " = '" + v.get() + "' is not a boolean");
        }
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
