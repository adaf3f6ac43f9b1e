package dev.novalibvirt.rpc.config;

import java.time.Duration;

/**
 * {@code [oslo_messaging_rabbit]} options that shape the queues, with oslo's defaults.
 *
 * @param transientQueuesTtl {@code rabbit_transient_queues_ttl} (1800 s): {@code x-expires} of reply and fanout
 *                           queues, so a dead caller's reply queue goes away; 0 disables it
 * @param durableQueues      {@code amqp_durable_queues} (false): durability of the {@code nova} exchange and topic queues
 * @param autoDelete         {@code amqp_auto_delete} (false): auto-delete of the {@code nova} exchange and topic queues
 */
public record RabbitOptions(Duration transientQueuesTtl, boolean durableQueues, boolean autoDelete) {

    /** oslo's defaults. */
    public static RabbitOptions defaults() {
        return new RabbitOptions(Duration.ofSeconds(1800), false, false);
    }
}
