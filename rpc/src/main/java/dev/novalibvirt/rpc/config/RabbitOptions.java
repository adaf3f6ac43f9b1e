package dev.novalibvirt.rpc.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code [oslo_messaging_rabbit]} options: those that shape the queues, with oslo's defaults, and TLS to the broker.
 *
 * @param transientQueuesTtl {@code rabbit_transient_queues_ttl} (1800 s): {@code x-expires} of reply and fanout
 *                           queues, so a dead caller's reply queue goes away; 0 disables it
 * @param durableQueues      {@code amqp_durable_queues} (false): durability of the {@code nova} exchange and topic queues
 * @param autoDelete         {@code amqp_auto_delete} (false): auto-delete of the {@code nova} exchange and topic queues
 * @param ssl                {@code ssl}, {@code ssl_ca_file}, {@code ssl_cert_file}, {@code ssl_key_file},
 *                           {@code ssl_version} (off by default)
 */
public record RabbitOptions(Duration transientQueuesTtl, boolean durableQueues, boolean autoDelete, RabbitSsl ssl) {

    public RabbitOptions {
        Objects.requireNonNull(ssl, "ssl (RabbitSsl.off() for none)");
    }

    /** Without TLS. */
    public RabbitOptions(Duration transientQueuesTtl, boolean durableQueues, boolean autoDelete) {
        this(transientQueuesTtl, durableQueues, autoDelete, RabbitSsl.off());
    }

    /** oslo's defaults. */
    public static RabbitOptions defaults() {
        return new RabbitOptions(Duration.ofSeconds(1800), false, false);
    }

    /** These options with TLS as given. */
    public RabbitOptions withSsl(RabbitSsl tls) {
        return new RabbitOptions(transientQueuesTtl, durableQueues, autoDelete, tls);
    }
}
