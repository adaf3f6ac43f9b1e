package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.rpc.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A controller's transport with a counter on it: every message it publishes, every one its consumers get and every
 * one the broker returns, with the time it passed ({@link System#nanoTime()}) and its body, for {@link RpcTrace}
 * after the run. Recording is a queue append, so the migration timed around it pays next to nothing; the bodies are
 * read only afterwards and never printed.
 */
public final class MessageTap implements Transport {
    /** Which way a message went, seen from the controller. */
    public enum Kind { SENT, RECEIVED, RETURNED }

    /** One message passing. */
    public record Event(long nanos, Kind kind, String routingKey, String body) {
    }

    private final Transport delegate;
    private final Queue<Event> events = new ConcurrentLinkedQueue<>();

    public MessageTap(Transport delegate) {
        this.delegate = delegate;
    }

    /** The events since the last call, in order, and forgets them. */
    public List<Event> drain() {
        List<Event> out = new ArrayList<>();
        for (Event e = events.poll(); e != null; e = events.poll()) {
            out.add(e);
        }
        return out;
    }

    private void record(Kind kind, String routingKey, String body) {
        events.add(new Event(System.nanoTime(), kind, routingKey, body));
    }

    @Override
    public void topicSend(String exchange, String routingKey, String body, Duration expiration) {
        record(Kind.SENT, routingKey, body);
        delegate.topicSend(exchange, routingKey, body, expiration);
    }

    @Override
    public void fanoutSend(String topic, String body) {
        record(Kind.SENT, topic + "_fanout", body);
        delegate.fanoutSend(topic, body);
    }

    @Override
    public void directSend(String queue, String body) {
        record(Kind.SENT, queue, body);
        delegate.directSend(queue, body);
    }

    @Override
    public void directSendConfirmed(String queue, String body, Duration within) {
        record(Kind.SENT, queue, body);
        delegate.directSendConfirmed(queue, body, within);
    }

    @Override
    public Subscription declareReplyQueue(String queue, Consumer<String> handler) {
        return delegate.declareReplyQueue(queue, counted(queue, handler));
    }

    @Override
    public Subscription listen(String exchange, List<String> topics, String server, Consumer<String> handler) {
        return delegate.listen(exchange, topics, server, counted(server, handler));
    }

    private Consumer<String> counted(String where, Consumer<String> handler) {
        return body -> {
            record(Kind.RECEIVED, where, body);
            handler.accept(body);
        };
    }

    @Override
    public void onReturned(BiConsumer<String, String> handler) {
        delegate.onReturned((routingKey, body) -> {
            record(Kind.RETURNED, routingKey, body);
            handler.accept(routingKey, body);
        });
    }

    @Override
    public void onRecovered(Runnable listener) {
        delegate.onRecovered(listener);
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
