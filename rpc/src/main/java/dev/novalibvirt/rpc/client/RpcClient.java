package dev.novalibvirt.rpc.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.rpc.MessageUndeliverable;
import dev.novalibvirt.rpc.MessagingException;
import dev.novalibvirt.rpc.codec.SecretGuard;
import dev.novalibvirt.rpc.transport.Target;
import dev.novalibvirt.rpc.transport.Transport;
import dev.novalibvirt.rpc.wire.IdSource;
import dev.novalibvirt.rpc.wire.RequestContext;
import dev.novalibvirt.rpc.wire.RpcMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's side of oslo.messaging RPC ({@code RPCClient} with the AMQP driver's {@code _send}): {@link #call}
 * sends with {@code _msg_id}, {@code _reply_q} and {@code _timeout} and waits; {@link #cast} sends and returns;
 * {@link #castWithReport} casts with a {@code report_to} argument naming this client's reply queue, and waits for the
 * report the agent sends there in reply shape when the cast's work ends (how Nova's casts have their results come
 * back, here without a database). One reply queue per client, {@code reply_<uuid hex>}, declared on first use.
 * Every outgoing message is checked by {@link SecretGuard}.
 *
 * <p>After a broker restart the agents' queues come back only as each agent's own connection recovers. So for
 * {@code recoveryGrace} after this client's transport recovered, a request the broker returns (no queue bound yet) is
 * sent again with {@link RetryBackoff} (same {@code _msg_id} and {@code _unique_id}: it was never delivered) within
 * the call's own timeout; outside that window it fails at once with {@link MessageUndeliverable}, as before.
 */
public final class RpcClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);
    /** Twice {@code rabbit_interval_max}'s default (30 s): every agent has reconnected by then, or is down. */
    public static final Duration DEFAULT_RECOVERY_GRACE = Duration.ofSeconds(60);
    private final Transport transport;
    private final IdSource ids;
    private final Clock clock;
    private final Duration recoveryGrace;
    private final ReplyWaiter waiter;
    private volatile Instant lastRecovery;
    private String replyQueue;
    private Transport.Subscription replySubscription;

    public RpcClient(Transport transport, IdSource ids, Clock clock) {
        this(transport, ids, clock, DEFAULT_RECOVERY_GRACE);
    }

    /**
     * A client that sends a returned request again for {@code recoveryGrace} after its transport recovered.
     *
     * @param recoveryGrace how long after a recovery of the transport a returned request is sent again (above)
     */
    public RpcClient(Transport transport, IdSource ids, Clock clock, Duration recoveryGrace) {
        this.transport = transport;
        this.ids = ids;
        this.clock = clock;
        this.recoveryGrace = recoveryGrace;
        this.waiter = new ReplyWaiter(clock);
        transport.onReturned(waiter::onReturned);
        transport.onRecovered(() -> lastRecovery = clock.instant());
    }

    /**
     * A call: the result, or the remote exception rethrown as its type.
     *
     * @param timeout     overall wait (oslo's {@code timeout})
     * @param callMonitor heartbeat gap allowed, or null ({@code call_monitor_timeout}; sent as {@code _timeout})
     * @throws dev.novalibvirt.rpc.MessagingTimeout when no reply or heartbeat came in time
     * @throws dev.novalibvirt.rpc.MessageUndeliverable when no queue is bound to the target (the broker returned it;
     *                                                  after a recent recovery only once the grace is over)
     */
    public JsonNode call(Target target, RequestContext context, String method, ObjectNode args, String version,
                         Duration timeout, Duration callMonitor) {
        String queue = replyQueue();
        String msgId = ids.next();
        RpcMessage m = new RpcMessage(method, args, null, version, msgId, queue,
                callMonitor == null ? null : (int) callMonitor.toSeconds(), ids.next(), context);
        waiter.listen(msgId);
        try {
            return sendAndAwait(target, m, msgId, timeout, callMonitor, timeout);
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
            return sendAndAwait(target, new RpcMessage(method, withReport, null, version, null, null, null, ids.next(),
                    context), reportId, timeout, callMonitor, firstOf(timeout, callMonitor));
        } finally {
            waiter.unlisten(reportId);
        }
    }

    /**
     * Sends and waits for the reply to {@code waitId}; a request returned shortly after a broker restart is sent
     * again (class comment). {@code ttl} is the message's TTL on the broker, shortened on every resend to what is
     * left of the call's time.
     */
    private JsonNode sendAndAwait(Target target, RpcMessage m, String waitId, Duration timeout, Duration callMonitor,
                                  Duration ttl) {
        String what = m.method() + " on " + target.routingKey();
        Instant start = clock.instant();
        for (int attempt = 1; ; attempt++) {
            // the first send is oslo's, TTL and wait exactly the call's; a resend gets what is left of them
            Duration elapsed = attempt == 1 ? Duration.ZERO : Duration.between(start, clock.instant());
            send(target, m, ttl == null ? null : positive(ttl.minus(elapsed)));
            try {
                return waiter.await(waitId, timeout == null ? null : positive(timeout.minus(elapsed)), callMonitor,
                        what);
            } catch (MessageUndeliverable e) {
                Duration wait = retryAfterRecovery(attempt, start, timeout).orElseThrow(() -> e);
                LOG.info("{}: no queue bound yet after the broker came back; sending it again in {} ms", what,
                        wait.toMillis());
                pause(wait, what);
            }
        }
    }

    /** The wait before sending a returned request again, or empty when it must fail (see the class comment). */
    Optional<Duration> retryAfterRecovery(int attempt, Instant start, Duration timeout) {
        Instant recovered = lastRecovery;
        if (recovered == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Duration left = Duration.between(now, recovered.plus(recoveryGrace));
        if (timeout != null) {
            Duration callLeft = Duration.between(now, start.plus(timeout));
            left = callLeft.compareTo(left) < 0 ? callLeft : left;
        }
        return RetryBackoff.DEFAULT.next(attempt, left);
    }

    private static Duration positive(Duration d) {
        return d.isNegative() || d.isZero() ? Duration.ofMillis(1) : d;
    }

    private static void pause(Duration wait, String what) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while waiting to send " + what + " again");
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
