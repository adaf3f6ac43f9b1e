package dev.novalibvirt.rpc.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code [oslo_messaging_rabbit]} options: those that shape the queues, with oslo's defaults, TLS to the broker, and
 * how connections and replies survive a broker restart.
 *
 * @param transientQueuesTtl {@code rabbit_transient_queues_ttl} (1800 s): {@code x-expires} of reply and fanout
 *                           queues, so a dead caller's reply queue goes away; 0 disables it
 * @param durableQueues      {@code amqp_durable_queues} (false): durability of the {@code nova} exchange and topic queues
 * @param autoDelete         {@code amqp_auto_delete} (false): auto-delete of the {@code nova} exchange and topic queues
 * @param ssl                {@code ssl}, {@code ssl_ca_file}, {@code ssl_cert_file}, {@code ssl_key_file},
 *                           {@code ssl_version} (off by default)
 * @param retry              reconnecting and reply retries ({@code rabbit_retry_interval},
 *                           {@code rabbit_retry_backoff}, {@code rabbit_interval_max},
 *                           {@code kombu_missing_consumer_retry_timeout})
 */
public record RabbitOptions(Duration transientQueuesTtl, boolean durableQueues, boolean autoDelete, RabbitSsl ssl,
                            RabbitRetry retry) {

    public RabbitOptions {
        Objects.requireNonNull(ssl, "ssl (RabbitSsl.off() for none)");
        Objects.requireNonNull(retry, "retry (RabbitRetry.defaults() for oslo's)");
    }

    /** Without TLS, with oslo's retries. */
    public RabbitOptions(Duration transientQueuesTtl, boolean durableQueues, boolean autoDelete) {
        this(transientQueuesTtl, durableQueues, autoDelete, RabbitSsl.off());
    }

    /** With oslo's retries. */
    public RabbitOptions(Duration transientQueuesTtl, boolean durableQueues, boolean autoDelete, RabbitSsl ssl) {
        this(transientQueuesTtl, durableQueues, autoDelete, ssl, RabbitRetry.defaults());
    }

    /** oslo's defaults. */
    public static RabbitOptions defaults() {
        return new RabbitOptions(Duration.ofSeconds(1800), false, false);
    }

    /** These options with TLS as given. */
    public RabbitOptions withSsl(RabbitSsl tls) {
        return new RabbitOptions(transientQueuesTtl, durableQueues, autoDelete, tls, retry);
    }

    /** These options with reconnecting and reply retries as given. */
    public RabbitOptions withRetry(RabbitRetry r) {
        return new RabbitOptions(transientQueuesTtl, durableQueues, autoDelete, ssl, r);
    }
}
