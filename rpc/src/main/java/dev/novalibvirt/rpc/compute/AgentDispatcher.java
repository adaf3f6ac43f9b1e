package dev.novalibvirt.rpc.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.migration.task.truth.HostProbe;
import dev.novalibvirt.rpc.MalformedMessage;
import dev.novalibvirt.rpc.MessagingException;
import dev.novalibvirt.rpc.client.ReportTo;
import dev.novalibvirt.rpc.client.RetryBackoff;
import dev.novalibvirt.rpc.codec.FailureCodec;
import dev.novalibvirt.rpc.config.RabbitRetry;
import dev.novalibvirt.rpc.transport.Transport;
import dev.novalibvirt.rpc.wire.IdSource;
import dev.novalibvirt.rpc.wire.RpcMessage;
import dev.novalibvirt.rpc.wire.RpcReply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's RPC server: takes each message off the transport, runs it on the local {@link ComputeDriver} on a
 * worker thread (a live migration must not hold up the consumer), and replies in oslo's shapes: a call's result or
 * failure to its {@code _reply_q}, a cast's outcome to its {@code report_to}, heartbeats every half call-monitor
 * timeout while the step runs (oslo's server does the same for calls with {@code _timeout}). A duplicate
 * {@code _unique_id} never runs a step twice ({@link ReplayGuard}).
 *
 * <p>Across a broker restart: final replies are confirmed and retried while the caller's reply queue is missing or
 * the broker unreachable, up to {@code kombu_missing_consumer_retry_timeout}, then abandoned as errors
 * ({@link #abandonedReplies()}); heartbeats are skipped while the connection is down (the next one follows). How
 * long each message took here is kept per method ({@link #handlerSummary()}).
 */
public final class AgentDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(AgentDispatcher.class);
    private static final int REPLAY_MEMORY = 1024;
    private final ComputeDriver driver;
    private final AgentEndpoint endpoint;
    private final Transport transport;
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeats;
    private final IdSource ids;
    private final ReplayGuard replays = new ReplayGuard(REPLAY_MEMORY);
    private final ReplySender replies;
    private final HandlerStats stats = new HandlerStats();

    /** Without recovery's probe, with oslo's {@code kombu_missing_consumer_retry_timeout} (60 s). */
    public AgentDispatcher(ComputeDriver driver, Transport transport, ExecutorService workers,
                           ScheduledExecutorService heartbeats, IdSource ids) {
        this(driver, null, transport, workers, heartbeats, ids);
    }

    /** With oslo's {@code kombu_missing_consumer_retry_timeout} (60 s). */
    public AgentDispatcher(ComputeDriver driver, HostProbe probe, Transport transport, ExecutorService workers,
                           ScheduledExecutorService heartbeats, IdSource ids) {
        this(driver, probe, transport, workers, heartbeats, ids, RabbitRetry.defaults().missingConsumerRetryTimeout());
    }

    /**
     * @param probe      the host's recovery probe (the libvirt driver's {@code LibvirtHostProbe}), which serves
     *                   {@code get_live_migration_recovery_info} and the recovery mends; null for none (they are
     *                   then refused with {@link NoSuchMethod})
     * @param workers    runs the steps (the agent decides how many at once)
     * @param heartbeats sends heartbeats while steps run
     * @param replyRetry how long a final reply is retried ({@code kombu_missing_consumer_retry_timeout})
     */
    public AgentDispatcher(ComputeDriver driver, HostProbe probe, Transport transport, ExecutorService workers,
                           ScheduledExecutorService heartbeats, IdSource ids, Duration replyRetry) {
        this.driver = driver;
        this.endpoint = new AgentEndpoint(driver, probe);
        this.transport = transport;
        this.workers = workers;
        this.heartbeats = heartbeats;
        this.ids = ids;
        this.replies = new ReplySender(transport, replyRetry, RetryBackoff.DEFAULT);
    }

    /** Listens as server {@code driver.host()} of topics {@code compute} and {@code compute-alt}. */
    public Transport.Subscription serve() {
        List<String> topics = List.of(ComputeRpcMethod.Topic.COMPUTE.wireName(),
                ComputeRpcMethod.Topic.COMPUTE_ALT.wireName());
        return transport.listen(ComputeRpcMethod.EXCHANGE, topics, driver.host(), this::onBody);
    }

    /** The transport's handler for one body. */
    public void onBody(String body) {
        long received = System.nanoTime();
        RpcMessage m;
        try {
            m = RpcMessage.fromBody(body);
        } catch (MalformedMessage e) {
            LOG.warn("dropping a malformed message: {}", e.getMessage());
            return;
        }
        Optional<ReplayGuard.Seen> seen = replays.begin(m.uniqueId());
        if (seen.isPresent()) {
            ReplayGuard.Seen s = seen.get();
            LOG.info("duplicate {}: {}", m, s.finished() ? "already done" : "still running");
            if (s.replyBody() != null) {
                send(s.replyQueue(), s.replyBody());
            }
            return;
        }
        workers.execute(() -> process(m, received));
    }

    private void process(RpcMessage m, long received) {
        ReportTo report = null;
        JsonNode result = null;
        String failure = null;
        String summary = null;
        ObjectNode args = m.args().deepCopy();
        try {
            report = m.isCall() ? null : ReportTo.remove(args);
        } catch (MalformedMessage e) {
            failure = FailureCodec.encode(e);
            summary = "failure " + e.getClass().getSimpleName();
        }
        String queue = m.isCall() ? m.replyQ() : report == null ? null : report.replyQ();
        String msgId = m.isCall() ? m.msgId() : report == null ? null : report.msgId();
        Integer monitor = m.isCall() ? m.timeout() : report == null ? null : report.timeout();
        ScheduledFuture<?> beat = queue != null && monitor != null && monitor > 0 ? heartbeats.scheduleAtFixedRate(
                () -> heartbeat(queue, msgId),
                Math.max(500, monitor * 500L), Math.max(500, monitor * 500L), TimeUnit.MILLISECONDS) : null;
        try {
            if (failure == null) {
                result = dispatch(m, args);
            }
        } catch (RuntimeException e) {
            LOG.info("{} failed: {}", m, e.getClass().getSimpleName());
            failure = FailureCodec.encode(e);
            summary = "failure " + e.getClass().getSimpleName();
        } finally {
            if (beat != null) {
                beat.cancel(false);
            }
        }
        String replyBody = null;
        if (queue != null) {
            String uniqueId = ids.next();
            replyBody = (failure != null ? RpcReply.failure(failure, msgId, uniqueId)
                    : RpcReply.result(result, msgId, uniqueId)).toBody();
        }
        replays.finish(m.uniqueId(), queue, replyBody);
        if (replyBody != null) {
            replies.send(m.method(), queue, msgId, replyBody, failure != null ? summary : summarize(result));
        }
        stats.record(m.method(), System.nanoTime() - received);
    }

    /** What a result says, without its arguments: a live migration's callback, else its JSON type. */
    private static String summarize(JsonNode result) {
        if (result == null || result.isNull()) {
            return "result null";
        }
        JsonNode callback = result.path("callback");
        if (callback.isTextual()) {
            JsonNode status = result.path("migration_status");
            return "callback=" + callback.asText() + (status.isTextual() ? " migration_status=" + status.asText() : "");
        }
        return "result " + result.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A heartbeat only while the broker is there: one that would wait for the connection is stale once sent. */
    private void heartbeat(String queue, String msgId) {
        if (transport.isOpen()) {
            send(queue, RpcReply.heartbeat(msgId, ids.next()).toBody());
        }
    }

    /**
     * Final replies this agent gave up delivering (after {@code kombu_missing_consumer_retry_timeout}), oldest first;
     * each was also logged as an error.
     */
    public List<AbandonedReply> abandonedReplies() {
        return replies.abandoned();
    }

    /**
     * One line per wire method handled so far: {@code handled <method> n=.. p50_ms=.. p99_ms=.. max_ms=..}, the time
     * from taking the message to its final reply confirmed (see {@link HandlerStats}).
     */
    public List<String> handlerSummary() {
        return stats.summaries().values().stream().map(HandlerStats.Summary::line).toList();
    }

    private JsonNode dispatch(RpcMessage m, ObjectNode args) {
        LOG.debug("{}", m);
        if (m.version() != null && !compatible(m.version())) {
            throw new UnsupportedVersion(m.version());
        }
        ComputeRpcMethod method = ComputeRpcMethod.byWireName(m.method())
                .orElseThrow(() -> new NoSuchMethod(m.method()));
        return endpoint.invoke(method, args);
    }

    /** oslo's {@code version_is_compatible} against {@link ComputeRpcMethod#VERSION}. */
    static boolean compatible(String version) {
        String[] theirs = version.split("\\.");
        String[] ours = ComputeRpcMethod.VERSION.split("\\.");
        try {
            return theirs[0].equals(ours[0])
                    && (theirs.length < 2 || Integer.parseInt(theirs[1]) <= Integer.parseInt(ours[1]));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void send(String queue, String body) {
        try {
            transport.directSend(queue, body);
        } catch (MessagingException e) {
            LOG.warn("could not reply to {}: {}", queue, e.getMessage());
        }
    }

    /** Mirrors {@code oslo_messaging.rpc.dispatcher.NoSuchMethod}. */
    public static final class NoSuchMethod extends MessagingException {
        private static final long serialVersionUID = 1L;

        NoSuchMethod(String method) {
            super("Endpoint does not support RPC method " + method);
        }
    }

    /** Mirrors {@code oslo_messaging.rpc.dispatcher.UnsupportedVersion}. */
    public static final class UnsupportedVersion extends MessagingException {
        private static final long serialVersionUID = 1L;

        UnsupportedVersion(String version) {
            super("Endpoint does not support RPC version " + version + " (serves " + ComputeRpcMethod.VERSION + ")");
        }
    }
}
