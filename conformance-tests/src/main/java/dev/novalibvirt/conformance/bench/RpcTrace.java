package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.rpc.MessagingException;
import dev.novalibvirt.rpc.client.ReportTo;
import dev.novalibvirt.rpc.wire.RpcMessage;
import dev.novalibvirt.rpc.wire.RpcReply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The RPC of one migration as its controller saw it ({@link MessageTap}'s events): for each wire method, the round
 * trip of each request from its publish to its final reply (a call's result or failure by {@code _msg_id}, a reported
 * cast's report by its {@code report_to} id), and how many messages passed: requests sent, replies received (of them
 * heartbeats) and requests the broker returned. Every message crosses the broker once, so the controller's counts are
 * the migration's: what it sends the agents consume, what it receives they published.
 *
 * @param roundTripsMs per wire method, its round trips in order
 */
public record RpcTrace(Map<String, List<Double>> roundTripsMs, int sent, int received, int heartbeats, int returned) {

    public RpcTrace {
        roundTripsMs = Map.copyOf(roundTripsMs);
    }

    /** Messages through the broker for this migration (sent + received). */
    public int messages() {
        return sent + received;
    }

    /** Reads events in the order they happened; bodies that are not oslo messages are counted, not matched. */
    public static RpcTrace of(List<MessageTap.Event> events) {
        record Open(String method, long sentNanos) {
        }
        Map<String, Open> open = new HashMap<>();
        Map<String, List<Double>> rtt = new TreeMap<>();
        int sent = 0;
        int received = 0;
        int heartbeats = 0;
        int returned = 0;
        for (MessageTap.Event e : events) {
            switch (e.kind()) {
                case SENT -> {
                    sent++;
                    RpcMessage m = request(e.body());
                    String id = m == null ? null : m.isCall() ? m.msgId()
                            : m.args().path(ReportTo.ARG).path("msg_id").asText(null);
                    if (id != null) {
                        open.putIfAbsent(id, new Open(m.method(), e.nanos())); // a resend keeps its first publish
                    }
                }
                case RECEIVED -> {
                    received++;
                    RpcReply r = reply(e.body());
                    if (r != null && r.isHeartbeat()) {
                        heartbeats++;
                    } else if (r != null && r.ending()) {
                        Open o = open.remove(r.msgId());
                        if (o != null) {
                            rtt.computeIfAbsent(o.method(), k -> new ArrayList<>())
                                    .add((e.nanos() - o.sentNanos()) / 1e6);
                        }
                    }
                }
                case RETURNED -> returned++;
            }
        }
        return new RpcTrace(rtt, sent, received, heartbeats, returned);
    }

    private static RpcMessage request(String body) {
        try {
            return RpcMessage.fromBody(body);
        } catch (MessagingException e) {
            return null;
        }
    }

    private static RpcReply reply(String body) {
        try {
            return RpcReply.fromBody(body);
        } catch (MessagingException e) {
            return null;
        }
    }
}
