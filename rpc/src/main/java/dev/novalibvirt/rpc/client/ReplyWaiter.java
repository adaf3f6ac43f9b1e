package dev.novalibvirt.rpc.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.rpc.MalformedMessage;
import dev.novalibvirt.rpc.MessageUndeliverable;
import dev.novalibvirt.rpc.MessagingException;
import dev.novalibvirt.rpc.MessagingTimeout;
import dev.novalibvirt.rpc.codec.FailureCodec;
import dev.novalibvirt.rpc.wire.RpcMessage;
import dev.novalibvirt.rpc.wire.RpcReply;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's side of the reply queue, as oslo's {@code ReplyWaiter}: replies are routed to the waiting call by
 * {@code _msg_id}, a reply seen twice ({@code _unique_id}) is dropped, a heartbeat renews the call-monitor timer,
 * and the wait ends with the result, the decoded failure, or {@link MessagingTimeout}; a request the broker returned
 * as unroutable ends it at once with {@link MessageUndeliverable}.
 */
final class ReplyWaiter {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyWaiter.class);
    /** oslo keeps 16; a few more cost nothing and cover bursts of heartbeats. */
    private static final int SEEN_IDS = 256;
    private final Clock clock;
    /** A reply, or the request itself coming back undelivered. */
    private record Arrival(RpcReply reply, MessageUndeliverable undelivered) {
    }

    private final Map<String, BlockingQueue<Arrival>> waiters = new ConcurrentHashMap<>();
    private final Map<String, Boolean> seen = new LinkedHashMap<>(SEEN_IDS, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SEEN_IDS;
        }
    };

    ReplyWaiter(Clock clock) {
        this.clock = clock;
    }

    void listen(String msgId) {
        waiters.put(msgId, new LinkedBlockingQueue<>());
    }

    void unlisten(String msgId) {
        waiters.remove(msgId);
    }

    /** The reply queue's handler. */
    void onBody(String body) {
        RpcReply reply;
        try {
            reply = RpcReply.fromBody(body);
        } catch (MalformedMessage e) {
            LOG.warn("dropping a malformed reply: {}", e.getMessage());
            return;
        }
        if (reply.uniqueId() != null && !firstTime(reply.uniqueId())) {
            LOG.debug("dropping duplicate reply {}", reply);
            return;
        }
        BlockingQueue<Arrival> q = waiters.get(reply.msgId());
        if (q == null) {
            LOG.debug("no call is waiting for {} (timed out already?)", reply);
            return;
        }
        q.add(new Arrival(reply, null));
    }

    /** The transport's handler for returned requests: the call (or reported cast) waiting for it fails now. */
    void onReturned(String routingKey, String body) {
        String id;
        try {
            RpcMessage m = RpcMessage.fromBody(body);
            ObjectNode args = m.args();
            id = m.isCall() ? m.msgId() : args.path(ReportTo.ARG).path("msg_id").asText(null);
        } catch (MalformedMessage e) {
            return;
        }
        BlockingQueue<Arrival> q = id == null ? null : waiters.get(id);
        if (q != null) {
            q.add(new Arrival(null, new MessageUndeliverable("no queue is bound to " + routingKey
                    + " (no server of that name ever listened); message ID " + id + " was returned", routingKey)));
        }
    }

    private synchronized boolean firstTime(String uniqueId) {
        return seen.put(uniqueId, Boolean.TRUE) == null;
    }

    /**
     * Waits for the final reply to {@code msgId}.
     *
     * @param timeout     overall, or null for none
     * @param callMonitor longest gap between heartbeats, or null for none
     * @param what        names the call in the timeout's text (method and host)
     */
    JsonNode await(String msgId, Duration timeout, Duration callMonitor, String what) {
        BlockingQueue<Arrival> q = waiters.get(msgId);
        long now = clock.millis();
        long deadline = timeout == null ? Long.MAX_VALUE : now + timeout.toMillis();
        long monitorDeadline = callMonitor == null ? Long.MAX_VALUE : now + callMonitor.toMillis();
        JsonNode result = null;
        while (true) {
            now = clock.millis();
            if (now >= deadline || now >= monitorDeadline) {
                String why = now >= deadline ? "within " + timeout.toSeconds() + " s"
                        : "heartbeat within " + callMonitor.toSeconds() + " s";
                throw new MessagingTimeout("Timed out waiting for a reply to message ID " + msgId + " (" + what
                        + "): no " + why, msgId);
            }
            Arrival arrival;
            try {
                arrival = q.poll(Math.min(deadline, monitorDeadline) - now, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MessagingException("interrupted while waiting for a reply to " + msgId + " (" + what + ")");
            }
            if (arrival == null) {
                continue;
            }
            if (arrival.undelivered() != null) {
                throw arrival.undelivered();
            }
            RpcReply reply = arrival.reply();
            if (reply.failure() != null) {
                throw FailureCodec.decode(reply.failure());
            }
            if (!reply.result().isNull()) {
                result = reply.result();
            }
            if (reply.ending()) {
                return result;
            }
            if (callMonitor != null) {
                monitorDeadline = clock.millis() + callMonitor.toMillis();
            }
        }
    }
}
