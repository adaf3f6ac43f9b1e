package dev.novalibvirt.rpc.transport;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import dev.novalibvirt.rpc.InvalidTransportURL;
import dev.novalibvirt.rpc.MessageDeliveryFailure;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.config.TransportUrl;
import dev.novalibvirt.rpc.wire.IdSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Transport} over RabbitMQ with the official Java client, declaring what oslo's rabbit driver declares (see
 * {@link AmqpTopology}). One connection with automatic recovery (queues and consumers are re-declared after a broker
 * restart, as kombu's ensure does); one channel for publishing, guarded because channels are not thread-safe; one
 * channel per subscription. Deliveries are acknowledged on receipt, as oslo's RPC listener does, so a redelivery
 * only happens around a broker failure and the dispatcher's {@code _unique_id} check covers it.
 *
 * <p>Logs and exceptions name the broker by {@link TransportUrl#toString()}, which masks the password; bodies are
 * never logged.
 */
public final class AmqpTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpTransport.class);
    private final TransportUrl url;
    private final AmqpTopology topology;
    private final IdSource ids;
    private final Connection connection;
    private final Channel publisher;
    private final Set<String> declaredExchanges = new HashSet<>();

    private AmqpTransport(TransportUrl url, AmqpTopology topology, IdSource ids, Connection connection)
            throws IOException {
        this.url = url;
        this.topology = topology;
        this.ids = ids;
        this.connection = connection;
        this.publisher = connection.createChannel();
        // Replies are published mandatory (oslo's direct_mandatory_flag): a reply queue that is gone means the caller
        // gave up or died; oslo logs and drops it too.
        publisher.addReturnListener(r -> LOG.warn("reply to queue {} was returned by the broker: {} (caller gone?)",
                r.getRoutingKey(), r.getReplyText()));
    }

    /**
     * Connects to the first reachable broker of {@code url}.
     *
     * @param connectionName shown in RabbitMQ's management UI (e.g. {@code nova-agent:compute-1})
     * @throws InvalidTransportURL     when the hosts carry different credentials (one connection has one login)
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
        List<Address> addresses = url.hosts().stream()
                .map(h -> new Address(h.hostname().replaceAll("^\\[|]$", ""), h.port())).toList();
        try {
            Connection c = factory.newConnection(addresses, connectionName);
            LOG.info("connected to {} as {}", url, connectionName);
            return new AmqpTransport(url, new AmqpTopology(options), IdSource.random(), c);
        } catch (IOException | TimeoutException e) {
            throw new MessageDeliveryFailure("cannot connect to " + url + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }

    @Override
    public synchronized void topicSend(String exchange, String routingKey, String body, Duration expiration) {
        try {
            declareExchange(exchange, BuiltinExchangeType.TOPIC, topology.durable(), topology.autoDelete());
            publisher.basicPublish(exchange, routingKey, false, AmqpTopology.properties(expiration), bytes(body));
        } catch (IOException e) {
            throw failure("publish to " + exchange + "/" + routingKey, e);
        }
    }

    @Override
    public synchronized void fanoutSend(String topic, String body) {
        String exchange = AmqpTopology.fanoutExchange(topic);
        try {
            declareExchange(exchange, BuiltinExchangeType.FANOUT, false, true);
            publisher.basicPublish(exchange, "", false, AmqpTopology.properties(null), bytes(body));
        } catch (IOException e) {
            throw failure("publish to " + exchange, e);
        }
    }

    @Override
    public synchronized void directSend(String queue, String body) {
        try {
            publisher.basicPublish("", queue, true, AmqpTopology.properties(null), bytes(body));
        } catch (IOException e) {
            throw failure("reply to " + queue, e);
        }
    }

    @Override
    public Subscription declareReplyQueue(String queue, Consumer<String> handler) {
        try {
            Channel ch = connection.createChannel();
            ch.queueDeclare(queue, false, false, false, topology.transientQueueArguments());
            ch.basicConsume(queue, true, deliver(handler), tag -> { });
            return () -> closeQuietly(ch);
        } catch (IOException e) {
            throw failure("declare reply queue " + queue, e);
        }
    }

    @Override
    public Subscription listen(String exchange, List<String> topics, String server, Consumer<String> handler) {
        try {
            Channel ch = connection.createChannel();
            ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, topology.durable(), topology.autoDelete(), null);
            DeliverCallback callback = deliver(handler);
            for (String topic : topics) {
                for (String queue : List.of(topic, topic + "." + server)) {
                    ch.queueDeclare(queue, topology.durable(), false, topology.autoDelete(), null);
                    ch.queueBind(queue, exchange, queue);
                    ch.basicConsume(queue, true, callback, tag -> { });
                }
                String fanout = AmqpTopology.fanoutExchange(topic);
                String queue = AmqpTopology.fanoutQueue(topic, ids.next());
                ch.exchangeDeclare(fanout, BuiltinExchangeType.FANOUT, false, true, null);
                ch.queueDeclare(queue, false, false, false, topology.transientQueueArguments());
                ch.queueBind(queue, fanout, topic);
                ch.basicConsume(queue, true, callback, tag -> { });
            }
            LOG.info("listening on {} as server {} of {}", url, server, topics);
            return () -> closeQuietly(ch);
        } catch (IOException e) {
            throw failure("listen on " + topics, e);
        }
    }

    private void declareExchange(String name, BuiltinExchangeType type, boolean durable, boolean autoDelete)
            throws IOException {
        if (declaredExchanges.add(name)) {
            publisher.exchangeDeclare(name, type, durable, autoDelete, null);
        }
    }

    /** A handler's exception must not reach the client library, which would close the channel for it. */
    private static DeliverCallback deliver(Consumer<String> handler) {
        return (tag, delivery) -> {
            try {
                handler.accept(new String(delivery.getBody(), StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                LOG.error("a message handler failed: {}", e.toString());
            }
        };
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private MessageDeliveryFailure failure(String what, IOException e) {
        return new MessageDeliveryFailure("cannot " + what + " on " + url + ": " + e.getClass().getSimpleName(), e);
    }

    private static void closeQuietly(Channel ch) {
        try {
            if (ch.isOpen()) {
                ch.close();
            }
        } catch (IOException | TimeoutException e) {
            LOG.debug("closing a channel failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            LOG.debug("closing the connection to {} failed: {}", url, e.toString());
        }
    }

    @Override
    public String toString() {
        return "AmqpTransport[" + url + "]";
    }
}
