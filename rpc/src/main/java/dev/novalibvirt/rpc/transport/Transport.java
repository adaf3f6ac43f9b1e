package dev.novalibvirt.rpc.transport;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The broker operations oslo.messaging's rabbit driver uses for RPC, and nothing more, so the RPC logic above it can
 * be tested against an in-memory broker and run against RabbitMQ ({@link AmqpTransport}). Bodies are the enveloped
 * JSON text. Implementations deliver to handlers on their own threads; a handler must not block for long.
 */
public interface Transport extends AutoCloseable {

    /**
     * {@code topic_send}: publish on a topic exchange.
     *
     * @param expiration per-message TTL (oslo sets the call's timeout), or null for none
     */
    void topicSend(String exchange, String routingKey, String body, Duration expiration);

    /** {@code fanout_send}: publish to exchange {@code <topic>_fanout}. */
    void fanoutSend(String topic, String body);

    /** {@code direct_send}: publish a reply straight to a queue (the default exchange, routing key = queue name). */
    void directSend(String queue, String body);

    /**
     * A reply that must not be lost silently (a call's result, a cast's report): returns once the broker has taken it
     * into {@code queue}. Transports without confirmations just send it.
     *
     * @param within how long it may wait for a lost connection to come back
     * @throws dev.novalibvirt.rpc.MessageUndeliverable  when {@code queue} does not exist (its consumer is gone, or
     *                                                   has not declared it again after a broker restart)
     * @throws dev.novalibvirt.rpc.MessageDeliveryFailure when the broker could not be reached or did not confirm
     */
    default void directSendConfirmed(String queue, String body, Duration within) {
        directSend(queue, body);
    }

    /** {@code declare_direct_consumer}: declare and consume a caller's reply queue. */
    Subscription declareReplyQueue(String queue, Consumer<String> handler);

    /**
     * What an RPC server listens on ({@code AMQPDriverBase.listen}): for each topic, queue {@code <topic>} and queue
     * {@code <topic>.<server>} on {@code exchange}, and a queue of its own on exchange {@code <topic>_fanout}.
     */
    Subscription listen(String exchange, List<String> topics, String server, Consumer<String> handler);

    /**
     * Registers a handler for topic messages the broker returned as unroutable (oslo's {@code MessageUndeliverable}):
     * it gets the routing key and the body. Transports without returns never call it.
     */
    default void onReturned(BiConsumer<String, String> handler) {
    }

    /**
     * Registers a listener called each time the connection came back after losing the broker, once its exchanges,
     * queues, bindings and consumers are declared again. Other processes' queues come back only with their own
     * connections, so a message to them may still find no queue for a while. Transports that never lose their broker
     * never call it.
     */
    default void onRecovered(Runnable listener) {
    }

    /** Whether the broker can be used now: false while the connection is lost or still recovering. */
    default boolean isOpen() {
        return true;
    }

    /** Releases the broker connection; subscriptions end with it. */
    @Override
    void close();

    /** A consumer that can be cancelled. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
