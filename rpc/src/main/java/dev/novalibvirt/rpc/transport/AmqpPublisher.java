package dev.novalibvirt.rpc.transport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ReturnCallback;
import dev.novalibvirt.rpc.MessageDeliveryFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one publishing channel of an {@link AmqpTransport}, guarded because channels are not thread-safe. A channel
 * that a broker error closed (a failed declare, a publish to a deleted exchange) is never reopened by the client's
 * recovery, so it is replaced here; while the whole connection is down (broker restart) a publish waits for the
 * client's recovery up to {@code recoveryWait} and is tried once more, as kombu's {@code ensure} retries. Exchanges
 * are declared once per channel.
 */
final class AmqpPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpPublisher.class);
    private final Connection connection;
    private final ReturnCallback returns;
    private final Duration recoveryWait;
    private final String broker;
    private final Set<String> declared = new HashSet<>();
    private Channel channel;

    /** @param broker the masked URL, for messages */
    AmqpPublisher(Connection connection, ReturnCallback returns, Duration recoveryWait, String broker) {
        this.connection = connection;
        this.returns = returns;
        this.recoveryWait = recoveryWait;
        this.broker = broker;
    }

    /** A publish; {@code type} null for the default exchange (nothing to declare). */
    synchronized void publish(String exchange, BuiltinExchangeType type, boolean durable, boolean autoDelete,
                              String routingKey, boolean mandatory, AMQP.BasicProperties props, byte[] body) {
        String what = exchange.isEmpty() ? "reply to " + routingKey : "publish to " + exchange + "/" + routingKey;
        for (int attempt = 1; ; attempt++) {
            try {
                Channel ch = channel();
                if (type != null && !declared.contains(exchange)) {
                    ch.exchangeDeclare(exchange, type, durable, autoDelete, null);
                    declared.add(exchange);
                }
                ch.basicPublish(exchange, routingKey, mandatory, props, body);
                return;
            } catch (IOException e) {
                // A declare the broker refused (e.g. PRECONDITION_FAILED: the exchange exists with other flags).
                reset();
                throw new MessageDeliveryFailure("cannot " + what + " on " + broker + ": " + reason(e), e);
            } catch (AlreadyClosedException e) {
                reset();
                if (attempt > 1 || !awaitConnection()) {
                    throw new MessageDeliveryFailure("cannot " + what + " on " + broker + ": the connection is down"
                            + " and did not recover within " + recoveryWait.toSeconds() + " s", e);
                }
                LOG.info("the channel to {} was closed ({}); publishing again", broker, e.getMessage());
            }
        }
    }

    private Channel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            if (!connection.isOpen()) {
                throw new AlreadyClosedException(connection.getCloseReason());
            }
            declared.clear();
            channel = connection.createChannel();
            channel.addReturnListener(returns);
        }
        return channel;
    }

    private void reset() {
        Channel ch = channel;
        channel = null;
        declared.clear();
        if (ch != null && ch.isOpen()) {
            try {
                ch.close();
            } catch (IOException | TimeoutException | AlreadyClosedException e) {
                LOG.debug("closing a broken channel: {}", e.toString());
            }
        }
    }

    /** The client's automatic recovery reopens the connection; waits for that. */
    private boolean awaitConnection() {
        long deadline = System.nanoTime() + recoveryWait.toNanos();
        while (!connection.isOpen()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The broker's reply text (e.g. "PRECONDITION_FAILED - inequivalent arg 'durable'"), never a body. */
    static String reason(Exception e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    synchronized void close() {
        reset();
    }
}
