package dev.novalibvirt.rpc.transport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ReturnCallback;
import com.rabbitmq.client.ShutdownSignalException;
import dev.novalibvirt.rpc.MessageDeliveryFailure;
import dev.novalibvirt.rpc.MessageUndeliverable;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One publishing channel of an {@link AmqpTransport}, guarded because channels are not thread-safe. A channel that a
 * broker error closed (a failed declare, a publish to a deleted exchange) is never reopened by the client's recovery,
 * so it is replaced here. While the connection is down or still recovering (broker restart) a publish waits, without
 * holding the channel, until the client has reconnected and declared its topology again, at most {@code recoveryWait}
 * or the message's own time if shorter, and is then sent again, as kombu's {@code ensure} retries. Exchanges are
 * declared once per channel.
 *
 * <p>A {@linkplain #confirmed confirmed} publisher puts its channel in publisher-confirm mode and returns only once
 * the broker has taken the message into a queue: a reply whose queue does not exist fails with
 * {@link MessageUndeliverable} (mandatory: the broker returns it before it confirms), and one whose connection was
 * lost or recovered before the confirmation came is sent again, so a reply is never taken for delivered when it was
 * lost with the broker.
 */
final class AmqpPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpPublisher.class);
    private static final long POLL_MS = 50;
    private final Connection connection;
    private final BooleanSupplier ready;
    private final LongSupplier recoveries;
    private final ReturnCallback returns;
    private final boolean confirms;
    private final Duration recoveryWait;
    private final String broker;
    private final Set<String> declared = new HashSet<>();
    private Channel channel;
    /** Confirm mode: the broker returned the publish in flight (set on the connection's thread before its ack). */
    private volatile boolean returned;
    private volatile boolean closed;

    private AmqpPublisher(Connection connection, BooleanSupplier ready, LongSupplier recoveries,
                          ReturnCallback returns, boolean confirms, Duration recoveryWait, String broker) {
        this.connection = connection;
        this.ready = ready;
        this.recoveries = recoveries;
        this.returns = returns;
        this.confirms = confirms;
        this.recoveryWait = recoveryWait;
        this.broker = broker;
    }

    /**
     * Fire-and-forget publishes; the broker's returns go to {@code returns}.
     *
     * @param ready  whether the connection is usable now (open, and its topology recovered)
     * @param broker the masked URL, for messages
     */
    static AmqpPublisher plain(Connection connection, BooleanSupplier ready, ReturnCallback returns,
                               Duration recoveryWait, String broker) {
        return new AmqpPublisher(connection, ready, () -> 0, returns, false, recoveryWait, broker);
    }

    /**
     * Publishes confirmed by the broker.
     *
     * @param recoveries how many recoveries of the connection have started so far
     */
    static AmqpPublisher confirmed(Connection connection, BooleanSupplier ready, LongSupplier recoveries,
                                   Duration recoveryWait, String broker) {
        return new AmqpPublisher(connection, ready, recoveries, null, true, recoveryWait, broker);
    }

    /**
     * A publish; {@code type} null for the default exchange (nothing to declare).
     *
     * @param within how long this message may wait for the connection (null: {@code recoveryWait}, which also caps it)
     * @throws MessageDeliveryFailure when the connection did not come back in time or the broker refused
     * @throws MessageUndeliverable   (confirmed publishers) when no queue took the message
     */
    void publish(String exchange, BuiltinExchangeType type, boolean durable, boolean autoDelete, String routingKey,
                 boolean mandatory, AMQP.BasicProperties props, byte[] body, Duration within) {
        String what = exchange.isEmpty() ? "reply to " + routingKey : "publish to " + exchange + "/" + routingKey;
        Duration limit = within == null || within.compareTo(recoveryWait) > 0 ? recoveryWait : within;
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (!awaitReady(deadline)) {
                throw new MessageDeliveryFailure("cannot " + what + " on " + broker + ": "
                        + (closed ? "the transport is closed" : "the connection is down and did not recover within "
                        + limit.toMillis() + " ms"));
            }
            synchronized (this) {
                try {
                    if (once(exchange, type, durable, autoDelete, routingKey, mandatory, props, body, deadline)) {
                        return;
                    }
                    LOG.info("the connection to {} was recovered before the broker confirmed the {}; sending it again",
                            broker, what);
                } catch (IOException e) {
                    // A declare the broker refused (e.g. PRECONDITION_FAILED: the exchange exists with other flags).
                    reset();
                    throw new MessageDeliveryFailure("cannot " + what + " on " + broker + ": " + reason(e), e);
                } catch (ShutdownSignalException e) {
                    // The channel or the whole connection went away under the publish (AlreadyClosedException
                    // too). A channel of a lost connection is kept: the client's recovery reopens it (a new one
                    // would leave the old one to be recovered for nothing); one the broker closed alone is replaced.
                    if (connection.isOpen()) {
                        reset();
                    }
                    LOG.info("the channel to {} was closed ({}); publishing again once it is back", broker,
                            e.getMessage());
                } catch (TimeoutException e) {
                    throw new MessageDeliveryFailure("cannot " + what + " on " + broker
                            + ": the broker did not confirm it within " + limit.toMillis() + " ms", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MessageDeliveryFailure("interrupted during " + what + " on " + broker, e);
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new MessageDeliveryFailure("cannot " + what + " on " + broker + ": the connection kept failing"
                        + " for " + limit.toMillis() + " ms");
            }
        }
    }

    /** One publish; false when it must be sent again (a recovery started before its confirmation). */
    private boolean once(String exchange, BuiltinExchangeType type, boolean durable, boolean autoDelete,
                         String routingKey, boolean mandatory, AMQP.BasicProperties props, byte[] body,
                         long deadline) throws IOException, InterruptedException, TimeoutException {
        Channel ch = channel();
        if (type != null && !declared.contains(exchange)) {
            ch.exchangeDeclare(exchange, type, durable, autoDelete, null);
            declared.add(exchange);
        }
        long recoveriesBefore = recoveries.getAsLong();
        returned = false;
        ch.basicPublish(exchange, routingKey, mandatory, props, body);
        if (!confirms) {
            return true;
        }
        boolean acked = ch.waitForConfirms(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        if (recoveries.getAsLong() != recoveriesBefore) {
            // the confirmation may be the new channel's (it has nothing pending), not this message's
            return false;
        }
        if (returned) {
            throw new MessageUndeliverable("no queue " + routingKey + " on " + broker
                    + " (its consumer is gone, or has not declared it again after a broker restart)", routingKey);
        }
        if (!acked) {
            throw new MessageDeliveryFailure("the broker " + broker + " refused (nack) a message to " + routingKey);
        }
        return true;
    }

    private Channel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            if (!connection.isOpen()) {
                ShutdownSignalException why = connection.getCloseReason(); // null while a new one is swapped in
                throw new AlreadyClosedException(why != null ? why
                        : new ShutdownSignalException(true, false, null, connection));
            }
            declared.clear();
            Channel ch = connection.createChannel();
            if (confirms) {
                ch.confirmSelect();
                ch.addReturnListener(r -> returned = true);
            } else {
                ch.addReturnListener(returns);
            }
            channel = ch;
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
            } catch (IOException | TimeoutException | ShutdownSignalException e) {
                LOG.debug("closing a broken channel: {}", e.toString());
            }
        }
    }

    /** Waits, holding nothing, until the client's automatic recovery has the connection usable again. */
    private boolean awaitReady(long deadline) {
        while (!closed && !ready.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !closed;
    }

    /** The broker's reply text (e.g. "PRECONDITION_FAILED - inequivalent arg 'durable'"), never a body. */
    static String reason(Exception e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    void close() {
        closed = true;
        synchronized (this) {
            reset();
        }
    }
}
