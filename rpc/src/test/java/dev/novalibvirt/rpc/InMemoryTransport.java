package dev.novalibvirt.rpc;

import dev.novalibvirt.rpc.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A broker in memory with RabbitMQ's routing for oslo's shapes: topic exchanges route by exact routing key to bound
 * queues (oslo's keys have no wildcards), the default exchange routes to the queue of that name, fanout to every
 * bound queue. A queue with several consumers delivers to one of them in turn. Deliveries run on one thread, as a
 * channel's would. Every publish is recorded for the routing assertions.
 *
 * <p>For the broker-restart tests: an {@linkplain #outage outage} drops every publish (a confirmed reply fails, the
 * transport is not open) until {@link #recover()}, which tells the recovery listeners; a {@linkplain #hide hidden}
 * queue is one its consumer has not declared again yet (a confirmed reply to it is undeliverable); with
 * {@link #returnUnroutable()} a topic message nobody consumes comes back to the return handlers, as a mandatory
 * publish does on RabbitMQ.
 */
public final class InMemoryTransport implements Transport {
    /** One publish: where it went and what it said. */
    public record Published(String exchange, String routingKey, String body, Duration expiration) {
    }

    /** An empty broker. */
    public InMemoryTransport() {
    }

    private final Map<String, List<Consumer<String>>> queues = new ConcurrentHashMap<>();
    private final Map<String, Integer> turns = new ConcurrentHashMap<>();
    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor();
    private final List<BiConsumer<String, String>> returnHandlers = new CopyOnWriteArrayList<>();
    private final List<Runnable> recoveryListeners = new CopyOnWriteArrayList<>();
    private final Set<String> hidden = ConcurrentHashMap.newKeySet();
    private volatile boolean duplicateEverything;
    private volatile boolean down;
    private volatile boolean returnUnroutable;

    /** The broker goes away: publishes are lost, confirmed replies fail, {@link #isOpen()} is false. */
    public void outage() {
        down = true;
    }

    /** The broker is back and this transport's topology declared again: recovery listeners run. */
    public void recover() {
        down = false;
        recoveryListeners.forEach(Runnable::run);
    }

    /** Queue {@code name} is missing (its consumer has not declared it again) until {@link #unhide}. */
    public void hide(String name) {
        hidden.add(name);
    }

    public void unhide(String name) {
        hidden.remove(name);
    }

    /** From now on a topic message no queue takes is returned, as RabbitMQ returns a mandatory publish. */
    public void returnUnroutable() {
        returnUnroutable = true;
    }

    public List<Published> published() {
        return List.copyOf(published);
    }

    /** From now on every topic message is delivered twice, as after a broker redelivery. */
    public void duplicateDeliveries() {
        duplicateEverything = true;
    }

    @Override
    public void topicSend(String exchange, String routingKey, String body, Duration expiration) {
        published.add(new Published(exchange, routingKey, body, expiration));
        if (down) {
            return;
        }
        if (returnUnroutable && queues.getOrDefault(exchange + "/" + routingKey, List.of()).isEmpty()) {
            delivery.execute(() -> returnHandlers.forEach(h -> h.accept(routingKey, body)));
            return;
        }
        deliver(exchange + "/" + routingKey, body);
        if (duplicateEverything) {
            deliver(exchange + "/" + routingKey, body);
        }
    }

    @Override
    public void fanoutSend(String topic, String body) {
        published.add(new Published(topic + "_fanout", "", body, null));
        queues.keySet().stream().filter(k -> k.startsWith(topic + "_fanout/")).forEach(k -> deliver(k, body));
    }

    @Override
    public void directSend(String queue, String body) {
        published.add(new Published("", queue, body, null));
        if (!down && !hidden.contains(queue)) {
            deliver("/" + queue, body);
        }
    }

    @Override
    public void directSendConfirmed(String queue, String body, Duration within) {
        if (down) {
            published.add(new Published("", queue, body, null));
            throw new MessageDeliveryFailure("cannot reply to " + queue + ": the broker is down (in memory)");
        }
        if (hidden.contains(queue) || queues.getOrDefault("/" + queue, List.of()).isEmpty()) {
            published.add(new Published("", queue, body, null));
            throw new MessageUndeliverable("no queue " + queue + " (in memory)", queue);
        }
        directSend(queue, body);
    }

    @Override
    public void onReturned(BiConsumer<String, String> handler) {
        returnHandlers.add(handler);
    }

    @Override
    public void onRecovered(Runnable listener) {
        recoveryListeners.add(listener);
    }

    @Override
    public boolean isOpen() {
        return !down;
    }

    @Override
    public Subscription declareReplyQueue(String queue, Consumer<String> handler) {
        return bind(List.of("/" + queue), handler);
    }

    @Override
    public Subscription listen(String exchange, List<String> topics, String server, Consumer<String> handler) {
        List<String> keys = new ArrayList<>();
        for (String topic : topics) {
            keys.add(exchange + "/" + topic);
            keys.add(exchange + "/" + topic + "." + server);
            keys.add(topic + "_fanout/" + server);
        }
        return bind(keys, handler);
    }

    private Subscription bind(List<String> keys, Consumer<String> handler) {
        keys.forEach(k -> queues.computeIfAbsent(k, x -> new CopyOnWriteArrayList<>()).add(handler));
        return () -> keys.forEach(k -> queues.getOrDefault(k, List.of()).remove(handler));
    }

    private void deliver(String key, String body) {
        List<Consumer<String>> consumers = queues.getOrDefault(key, List.of());
        if (consumers.isEmpty()) {
            return; // unroutable: dropped, as RabbitMQ drops a non-mandatory publish
        }
        int turn = turns.merge(key, 1, Integer::sum);
        Consumer<String> c = consumers.get(turn % consumers.size());
        delivery.execute(() -> c.accept(body));
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }
}
