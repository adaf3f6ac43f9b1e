package dev.novalibvirt.rpc.transport;

import com.rabbitmq.client.AMQP;
import dev.novalibvirt.rpc.config.RabbitOptions;
import java.time.Duration;
import java.util.Map;

/**
 * The names, declarations and message properties of oslo's rabbit driver, apart from any connection so they can be
 * checked without a broker: topic exchange and topic queues durable/auto-delete per {@code amqp_durable_queues} /
 * {@code amqp_auto_delete}; reply and fanout queues transient with {@code x-expires} from
 * {@code rabbit_transient_queues_ttl}; fanout exchange {@code <topic>_fanout} auto-deleted; bodies
 * {@code application/json} in UTF-8 (kombu's JSON serializer); a call's timeout as the message TTL.
 */
public record AmqpTopology(RabbitOptions options) {
    public static final String CONTENT_TYPE = "application/json";
    public static final String CONTENT_ENCODING = "utf-8";

    /** The fanout exchange of a topic. */
    public static String fanoutExchange(String topic) {
        return topic + "_fanout";
    }

    /** A server's own queue on the fanout exchange (oslo: {@code <topic>_fanout_<uuid hex>}). */
    public static String fanoutQueue(String topic, String unique) {
        return topic + "_fanout_" + unique;
    }

    /** Arguments of reply and fanout queues: oslo's {@code x-expires} so a dead consumer's queue goes away. */
    public Map<String, Object> transientQueueArguments() {
        long ms = options.transientQueuesTtl().toMillis();
        return ms > 0 ? Map.of("x-expires", ms) : Map.of();
    }

    public boolean durable() {
        return options.durableQueues();
    }

    public boolean autoDelete() {
        return options.autoDelete();
    }

    /** Properties of a published body; {@code expiration} in milliseconds as AMQP wants it, or none. */
    public static AMQP.BasicProperties properties(Duration expiration) {
        AMQP.BasicProperties.Builder b = new AMQP.BasicProperties.Builder()
                .contentType(CONTENT_TYPE)
                .contentEncoding(CONTENT_ENCODING);
        if (expiration != null) {
            b.expiration(Long.toString(expiration.toMillis()));
        }
        return b.build();
    }
}
