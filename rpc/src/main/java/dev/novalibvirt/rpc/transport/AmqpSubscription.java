package dev.novalibvirt.rpc.transport;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DeliverCallback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumers of some queues on one channel. Each delivery is acknowledged once the handler has taken it (oslo's RPC
 * listener acknowledges on receipt, before the method runs), not on the wire: messages the broker had sent ahead
 * but the handler never saw go back to the queue when {@link #close()} cancels, so an agent that stops consuming
 * loses nothing another agent, or its next start, could run.
 */
final class AmqpSubscription implements Transport.Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpSubscription.class);
    /** Deliveries in flight per channel; bounds what a stopping agent hands back. */
    static final int PREFETCH = 64;
    private final Channel channel;
    private final List<String> tags = new ArrayList<>();
    private volatile boolean closing;

    AmqpSubscription(Channel channel) throws IOException {
        this.channel = channel;
        channel.basicQos(PREFETCH);
    }

    void consume(String queue, Consumer<String> handler) throws IOException {
        DeliverCallback callback = (tag, delivery) -> {
            if (closing) {
                return; // not acked: requeued when the channel closes
            }
            try {
                handler.accept(new String(delivery.getBody(), StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                // must not reach the client library, which would close the channel for it
                LOG.error("a message handler failed: {}", e.toString());
            } finally {
                ack(delivery.getEnvelope().getDeliveryTag());
            }
        };
        tags.add(channel.basicConsume(queue, false, callback, tag -> LOG.info("the broker cancelled {}", queue)));
    }

    private void ack(long deliveryTag) {
        try {
            channel.basicAck(deliveryTag, false);
        } catch (IOException | AlreadyClosedException e) {
            LOG.debug("ack failed (channel closed; the broker redelivers): {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        closing = true;
        try {
            for (String tag : tags) {
                if (channel.isOpen()) {
                    channel.basicCancel(tag);
                }
            }
            tags.clear();
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | AlreadyClosedException e) {
            LOG.debug("closing a consumer channel: {}", e.toString());
        }
    }
}
