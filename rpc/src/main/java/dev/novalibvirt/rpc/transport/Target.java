package dev.novalibvirt.rpc.transport;

import java.util.Objects;

/**
 * Mirrors {@code oslo_messaging.Target} for sending: a topic on an exchange, optionally one server of it, or the
 * topic's fanout. The AMQP driver routes {@code server} to routing key {@code <topic>.<server>}, no server to
 * {@code <topic>}, and fanout to exchange {@code <topic>_fanout}.
 */
public record Target(String exchange, String topic, String server, boolean fanout) {
    public Target {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(topic, "topic");
    }

    /** One server of a topic, as Nova's {@code client.prepare(server=host)}. */
    public static Target server(String exchange, String topic, String server) {
        return new Target(exchange, topic, Objects.requireNonNull(server, "server"), false);
    }

    /** Every server of a topic. */
    public static Target fanout(String exchange, String topic) {
        return new Target(exchange, topic, null, true);
    }

    /** oslo's topic routing key. */
    public String routingKey() {
        return server == null ? topic : topic + "." + server;
    }
}
