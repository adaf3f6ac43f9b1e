package dev.novalibvirt.rpc.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.rpc.codec.SecretGuard;
import dev.novalibvirt.rpc.transport.Target;
import dev.novalibvirt.rpc.transport.Transport;
import dev.novalibvirt.rpc.wire.IdSource;
import dev.novalibvirt.rpc.wire.RequestContext;
import dev.novalibvirt.rpc.wire.RpcMessage;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's side of oslo.messaging RPC ({@code RPCClient} with the AMQP driver's {@code _send}): {@link #call}
 * sends with {@code _msg_id}, {@code _reply_q} and {@code _timeout} and waits; {@link #cast} sends and returns;
 * {@link #castWithReport} casts with a {@code report_to} argument naming this client's reply queue, and waits for the
 * report the agent sends there in reply shape when the cast's work ends (how Nova's casts have their results come
 * back, here without a database). One reply queue per client, {@code reply_<uuid hex>}, declared on first use.
 * Every outgoing message is checked by {@link SecretGuard}.
 */
public final class RpcClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);
    private final Transport transport;
    private final IdSource ids;
    private final ReplyWaiter waiter;
    private String replyQueue;
    private Transport.Subscription replySubscription;

    public RpcClient(Transport transport, IdSource ids, Clock clock) {
        this.transport = transport;
        this.ids = ids;
        this.waiter = new ReplyWaiter(clock);
        transport.onReturned(waiter::onReturned);
    }

    /**
     * A call: the result, or the remote exception rethrown as its type.
     *
     * @param timeout     overall wait (oslo's {@code timeout})
     * @param callMonitor heartbeat gap allowed, or null ({@code call_monitor_timeout}; sent as {@code _timeout})
     * @throws dev.novalibvirt.rpc.MessagingTimeout when no reply or heartbeat came in time
     * @throws dev.novalibvirt.rpc.MessageUndeliverable when no queue is bound to the target (the broker returned it)
     */
    public JsonNode call(Target target, RequestContext context, String method, ObjectNode args, String version,
                         Duration timeout, Duration callMonitor) {
        String queue = replyQueue();
        String msgId = ids.next();
        RpcMessage m = new RpcMessage(method, args, null, version, msgId, queue,
                callMonitor == null ? null : (int) callMonitor.toSeconds(), ids.next(), context);
        waiter.listen(msgId);
        try {
            send(target, m, timeout);
            return waiter.await(msgId, timeout, callMonitor, method + " on " + target.routingKey());
        } finally {
            waiter.unlisten(msgId);
        }
    }

    /** A cast: fire and forget. */
    public void cast(Target target, RequestContext context, String method, ObjectNode args, String version) {
        send(target, new RpcMessage(method, args, null, version, null, null, null, ids.next(), context), null);
    }

    /**
     * A cast whose outcome the agent reports back: adds {@code report_to: {reply_q, msg_id, timeout}} to the args and
     * waits for the report as for a call's reply.
     *
     * <p>Unlike a plain cast it carries a TTL, the first of {@code timeout} and {@code callMonitor}: this client gives
     * up on a cast that no agent took within that time (no heartbeat, no report), so an agent that comes back later
     * must not start it then, behind the back of whatever the caller did next (a live migration that the caller
     * already reported as needing recovery, for instance). Taken in time, the TTL no longer matters.
     *
     * @param timeout     overall wait, or null for none (a live migration ends when libvirt's job does)
     * @param callMonitor heartbeat gap allowed while the agent works
     */
    public JsonNode castWithReport(Target target, RequestContext context, String method, ObjectNode args,
                                   String version, Duration timeout, Duration callMonitor) {
        String reportId = ids.next();
        ObjectNode withReport = args.deepCopy();
        ObjectNode reportTo = withReport.putObject(ReportTo.ARG);
        reportTo.put("reply_q", replyQueue());
        reportTo.put("msg_id", reportId);
        reportTo.put("timeout", callMonitor == null ? null : (int) callMonitor.toSeconds());
        waiter.listen(reportId);
        try {
            send(target, new RpcMessage(method, withReport, null, version, null, null, null, ids.next(), context),
                    firstOf(timeout, callMonitor));
            return waiter.await(reportId, timeout, callMonitor, method + " on " + target.routingKey());
        } finally {
            waiter.unlisten(reportId);
        }
    }

    /** The shorter of two optional durations; null when both are null. */
    private static Duration firstOf(Duration a, Duration b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void send(Target target, RpcMessage m, Duration timeout) {
        SecretGuard.check(m.args(), "args");
        SecretGuard.check(m.context().values(), "_context");
        LOG.debug("{} to {}", m, target.fanout() ? target.topic() + "_fanout" : target.routingKey());
        String body = m.toBody();
        if (target.fanout()) {
            transport.fanoutSend(target.topic(), body);
        } else {
            // oslo gives the call's timeout to the broker as the message's TTL: an agent that comes back later
            // must not run a step whose caller gave up.
            transport.topicSend(target.exchange(), target.routingKey(), body, timeout);
        }
    }

    private synchronized String replyQueue() {
        if (replyQueue == null) {
            String name = "reply_" + ids.next();
            replySubscription = transport.declareReplyQueue(name, waiter::onBody);
            replyQueue = name;
        }
        return replyQueue;
    }

    /** Cancels the reply queue's consumer (the queue expires on the broker); the transport stays open. */
    @Override
    public synchronized void close() {
        if (replySubscription != null) {
            replySubscription.close();
            replySubscription = null;
            replyQueue = null;
        }
    }
}
