package dev.novalibvirt.agent;

import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.rpc.transport.Transport;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Fakes for the agent's wiring: a driver that answers getInfo (slowly, when told) and a broker in memory. */
final class FakeParts {
    private FakeParts() {
    }

    /** A driver for {@code host}; getInfo takes {@code stepMillis}; counts closes in {@code closed}. */
    static ComputeDriver driver(String host, long stepMillis, AtomicInteger closed, List<String> calls) {
        return (ComputeDriver) Proxy.newProxyInstance(FakeParts.class.getClassLoader(),
                new Class<?>[] {ComputeDriver.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "host":
                            return host;
                        case "close":
                            closed.incrementAndGet();
                            return null;
                        case "getInfo":
                            calls.add("getInfo");
                            Thread.sleep(stepMillis);
                            return new InstanceInfo(PowerState.RUNNING, 7);
                        case "toString":
                            return "FakeDriver[" + host + "]";
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    /** Routes by exact key as RabbitMQ does for oslo's names; unbound messages stay queued for a later listener. */
    static final class Broker implements Transport {
        private final Map<String, Consumer<String>> bound = new ConcurrentHashMap<>();
        private final Map<String, List<String>> waiting = new ConcurrentHashMap<>();
        private final ExecutorService delivery = Executors.newSingleThreadExecutor();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public void topicSend(String exchange, String routingKey, String body, Duration expiration) {
            deliver(routingKey, body);
        }

        @Override
        public void fanoutSend(String topic, String body) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void directSend(String queue, String body) {
            deliver(queue, body);
        }

        @Override
        public Subscription declareReplyQueue(String queue, Consumer<String> handler) {
            return bind(List.of(queue), handler);
        }

        @Override
        public Subscription listen(String exchange, List<String> topics, String server, Consumer<String> handler) {
            return bind(topics.stream().map(t -> t + "." + server).toList(), handler);
        }

        private synchronized Subscription bind(List<String> keys, Consumer<String> handler) {
            for (String k : keys) {
                bound.put(k, handler);
                for (String body : waiting.getOrDefault(k, List.of())) {
                    delivery.execute(() -> handler.accept(body));
                }
                waiting.remove(k);
            }
            return () -> keys.forEach(bound::remove);
        }

        private synchronized void deliver(String key, String body) {
            Consumer<String> c = bound.get(key);
            if (c == null) {
                waiting.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(body);
            } else {
                delivery.execute(() -> c.accept(body));
            }
        }

        boolean listening(String key) {
            return bound.containsKey(key);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }

        void shutdown() {
            delivery.shutdownNow();
        }
    }
}
