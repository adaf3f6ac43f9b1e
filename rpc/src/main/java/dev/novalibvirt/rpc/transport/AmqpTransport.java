package dev.novalibvirt.rpc.transport;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.impl.DefaultExceptionHandler;
import dev.novalibvirt.rpc.InvalidTransportURL;
import dev.novalibvirt.rpc.MessageDeliveryFailure;
import dev.novalibvirt.rpc.TlsHandshakeFailure;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.config.RabbitRetry;
import dev.novalibvirt.rpc.config.TransportUrl;
import dev.novalibvirt.rpc.wire.IdSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Transport} over RabbitMQ with the official Java client, declaring what oslo's rabbit driver declares (see
 * {@link AmqpTopology}). One connection with automatic recovery: after a broker restart the client reconnects with
 * kombu's backoff ({@link RabbitRetry#reconnectDelay}: 1 s, 3 s, 5 s ... up to 30 s by default) and re-declares the
 * exchanges, queues, bindings and consumers it made (kombu's {@code ensure}); publishes wait for that, the whole
 * recovery and not just the socket ({@link AmqpPublisher}), and {@link #onRecovered} listeners hear of it. Topic
 * messages are published mandatory (oslo's {@code at_least_once}), so one to a server that never listened comes back
 * and its call fails at once ({@link #onReturned}); plain replies too ({@code direct_mandatory_flag}), logged and
 * dropped as oslo does, while {@link #directSendConfirmed} replies go on their own confirmed channel and say whether
 * they arrived. Consumers acknowledge on receipt ({@link AmqpSubscription}).
 *
 * <p>Logs and exceptions name the broker by {@link TransportUrl#toString()}, which masks the password; bodies are
 * never logged.
 */
public final class AmqpTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpTransport.class);
    /** oslo's {@code heartbeat_timeout_threshold} (60 s): a dead peer is noticed within it. */
    static final int HEARTBEAT_SECONDS = 60;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a publish waits for the connection to come back before it fails. */
    static final Duration PUBLISH_RECOVERY_WAIT = Duration.ofSeconds(30);
    private final TransportUrl url;
    private final AmqpTopology topology;
    private final IdSource ids;
    private final Connection connection;
    private final AmqpPublisher publisher;
    private final AmqpPublisher confirmedReplies;
    private final List<BiConsumer<String, String>> returnHandlers = new CopyOnWriteArrayList<>();
    private final List<Runnable> recoveryListeners = new CopyOnWriteArrayList<>();
    /** Recoveries started; a confirmation that straddles one is not trusted ({@link AmqpPublisher}). */
    private final AtomicLong recoveries = new AtomicLong();
    private volatile boolean recovering;

    private AmqpTransport(TransportUrl url, AmqpTopology topology, IdSource ids, Connection connection) {
        this.url = url;
        this.topology = topology;
        this.ids = ids;
        this.connection = connection;
        this.publisher = AmqpPublisher.plain(connection, this::isOpen, this::returned, PUBLISH_RECOVERY_WAIT,
                url.toString());
        this.confirmedReplies = AmqpPublisher.confirmed(connection, this::isOpen, recoveries::get,
                PUBLISH_RECOVERY_WAIT, url.toString());
        connection.addShutdownListener(cause -> {
            if (!cause.isInitiatedByApplication()) {
                LOG.warn("connection to {} lost: {}", url, cause.getMessage());
            }
        });
        if (connection instanceof Recoverable r) {
            r.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecoveryStarted(Recoverable recoverable) {
                    // before the client swaps in the new connection and channels (after its first delay)
                    recovering = true;
                    recoveries.incrementAndGet();
                    LOG.warn("reconnecting to {}", url);
                }

                @Override
                public void handleRecovery(Recoverable recoverable) {
                    recovering = false;
                    LOG.info("connection to {} recovered: exchanges, queues, bindings and consumers declared again",
                            url);
                    for (Runnable l : recoveryListeners) {
                        try {
                            l.run();
                        } catch (RuntimeException e) {
                            LOG.warn("a recovery listener failed: {}", e.toString());
                        }
                    }
                }
            });
        }
    }

    /**
     * Connects to the first reachable broker of {@code url}.
     *
     * @param connectionName shown in RabbitMQ's management UI (e.g. {@code nova-agent:compute-1})
     * @param options        queue options and TLS ({@code [oslo_messaging_rabbit] ssl}: every host over TLS)
     * @throws InvalidTransportURL     when the hosts carry different credentials (one connection has one login)
     * @throws dev.novalibvirt.rpc.ConfigurationError when the TLS files cannot be used (before any connection)
     * @throws TlsHandshakeFailure     when a broker was reached but TLS with it failed
     * @throws MessageDeliveryFailure  when no broker accepts the connection
     */
    public static AmqpTransport connect(TransportUrl url, RabbitOptions options, String connectionName) {
        TransportUrl.Host first = url.hosts().get(0);
        for (TransportUrl.Host h : url.hosts()) {
            if (!Objects.equals(h.username(), first.username()) || !Objects.equals(h.password(), first.password())) {
                throw new InvalidTransportURL("all hosts must have the same user name and password");
            }
        }
        ConnectionFactory factory = new ConnectionFactory();
        if (first.username() != null) {
            factory.setUsername(first.username());
        }
        if (first.password() != null) {
            factory.setPassword(first.password());
        }
        factory.setVirtualHost(url.virtualHost());
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        RabbitRetry retry = options.retry();
        factory.setRecoveryDelayHandler(attempt -> retry.reconnectDelay(attempt).toMillis());
        factory.setExceptionHandler(new RecoveryLogging(url));
        factory.setRequestedHeartbeat(HEARTBEAT_SECONDS);
        factory.setConnectionTimeout((int) CONNECT_TIMEOUT.toMillis());
        if (options.ssl().enabled()) {
            factory.useSslProtocol(AmqpTls.context(options.ssl()));
            // the broker's name or address must be in its certificate (after useSslProtocol, which it extends)
            factory.enableHostnameVerification();
        }
        List<Address> addresses = url.hosts().stream()
                .map(h -> new Address(h.hostname().replaceAll("^\\[|]$", ""), h.port())).toList();
        try {
            Connection c = factory.newConnection(addresses, connectionName);
            LOG.info("connected to {} as {}", url, connectionName);
            return new AmqpTransport(url, new AmqpTopology(options), IdSource.random(), c);
        } catch (IOException | TimeoutException e) {
            SSLException tls = AmqpTls.tlsCause(e);
            if (tls != null) {
                // JSSE's reason (untrusted, wrong name, certificate required...) carries no key material
                throw new TlsHandshakeFailure("TLS with " + url + " failed: " + tls.getClass().getSimpleName()
                        + (tls.getMessage() == null ? "" : " " + tls.getMessage()), e);
            }
            // the client's texts name the broker's refusal (ACCESS_REFUSED, Connection refused), never the password
            throw new MessageDeliveryFailure("cannot connect to " + url + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }

    @Override
    public void topicSend(String exchange, String routingKey, String body, Duration expiration) {
        // a request waits for a lost connection no longer than its caller waits for the answer
        publisher.publish(exchange, BuiltinExchangeType.TOPIC, topology.durable(), topology.autoDelete(), routingKey,
                true, AmqpTopology.properties(expiration), bytes(body), expiration);
    }

    @Override
    public void fanoutSend(String topic, String body) {
        publisher.publish(AmqpTopology.fanoutExchange(topic), BuiltinExchangeType.FANOUT, false, true, "", false,
                AmqpTopology.properties(null), bytes(body), null);
    }

    @Override
    public void directSend(String queue, String body) {
        publisher.publish("", null, false, false, queue, true, AmqpTopology.properties(null), bytes(body), null);
    }

    @Override
    public void directSendConfirmed(String queue, String body, Duration within) {
        confirmedReplies.publish("", null, false, false, queue, true, AmqpTopology.properties(null), bytes(body),
                within);
    }

    @Override
    public void onRecovered(Runnable listener) {
        recoveryListeners.add(listener);
    }

    @Override
    public void onReturned(BiConsumer<String, String> handler) {
        returnHandlers.add(handler);
    }

    private void returned(Return r) {
        if (r.getExchange().isEmpty()) {
            LOG.warn("reply to queue {} was returned by the broker: {} (caller gone?)", r.getRoutingKey(),
                    r.getReplyText());
            return;
        }
        LOG.warn("message to {}/{} was returned by the broker: {}", r.getExchange(), r.getRoutingKey(),
                r.getReplyText());
        String body = new String(r.getBody(), StandardCharsets.UTF_8);
        returnHandlers.forEach(h -> h.accept(r.getRoutingKey(), body));
    }

    @Override
    public Subscription declareReplyQueue(String queue, Consumer<String> handler) {
        Channel ch = null;
        try {
            ch = connection.createChannel();
            ch.queueDeclare(queue, false, false, false, topology.transientQueueArguments());
            AmqpSubscription s = new AmqpSubscription(ch);
            s.consume(queue, handler);
            return s;
        } catch (IOException | AlreadyClosedException e) {
            closeQuietly(ch);
            throw failure("declare reply queue " + queue, e);
        }
    }

    @Override
    public Subscription listen(String exchange, List<String> topics, String server, Consumer<String> handler) {
        Channel ch = null;
        try {
            ch = connection.createChannel();
            ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, topology.durable(), topology.autoDelete(), null);
            AmqpSubscription s = new AmqpSubscription(ch);
            for (String topic : topics) {
                for (String queue : List.of(topic, topic + "." + server)) {
                    ch.queueDeclare(queue, topology.durable(), false, topology.autoDelete(), null);
                    ch.queueBind(queue, exchange, queue);
                    s.consume(queue, handler);
                }
                String fanout = AmqpTopology.fanoutExchange(topic);
                String queue = AmqpTopology.fanoutQueue(topic, ids.next());
                ch.exchangeDeclare(fanout, BuiltinExchangeType.FANOUT, false, true, null);
                // oslo's fanout queues are auto-deleted with their consumer
                ch.queueDeclare(queue, false, false, true, topology.transientQueueArguments());
                ch.queueBind(queue, fanout, topic);
                s.consume(queue, handler);
            }
            LOG.info("listening on {} as server {} of {}", url, server, topics);
            return s;
        } catch (IOException | AlreadyClosedException e) {
            closeQuietly(ch);
            throw failure("listen on " + topics, e);
        }
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private MessageDeliveryFailure failure(String what, Exception e) {
        return new MessageDeliveryFailure("cannot " + what + " on " + url + ": " + AmqpPublisher.reason(e), e);
    }

    private static void closeQuietly(Channel ch) {
        try {
            if (ch != null && ch.isOpen()) {
                ch.close();
            }
        } catch (IOException | TimeoutException | AlreadyClosedException e) {
            LOG.debug("closing a channel failed: {}", e.toString());
        }
    }

    /** Whether the connection is up now and its topology declared (false while the client recovers it). */
    @Override
    public boolean isOpen() {
        return connection.isOpen() && !recovering;
    }

    @Override
    public void close() {
        publisher.close();
        confirmedReplies.close();
        try {
            connection.close();
        } catch (IOException | AlreadyClosedException e) {
            LOG.debug("closing the connection to {} failed: {}", url, e.toString());
        }
    }

    @Override
    public String toString() {
        return "AmqpTransport[" + url + "]";
    }

    /**
     * The client's exception handler with one WARN line per failed reconnect (oslo's "Connection failed: ... (retrying
     * in N seconds)") instead of silence for refused connections and stack traces for the rest; the client's texts
     * name the broker's refusal or the socket error, never the password.
     */
    private static final class RecoveryLogging extends DefaultExceptionHandler {
        private final TransportUrl url;

        RecoveryLogging(TransportUrl url) {
            this.url = url;
        }

        @Override
        public void handleConnectionRecoveryException(Connection conn, Throwable exception) {
            LOG.warn("reconnecting to {} failed: {} {}; trying again with backoff", url,
                    exception.getClass().getSimpleName(), exception.getMessage() == null ? "" : exception.getMessage());
        }
    }
}
