package dev.novalibvirt.rpc.compute;

import dev.novalibvirt.rpc.MessagingException;
import dev.novalibvirt.rpc.client.RetryBackoff;
import dev.novalibvirt.rpc.transport.Transport;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an agent's final replies (a call's result or failure, a cast's report) so that none is lost silently, as
 * oslo's {@code AMQPIncomingMessage.reply} retries while the caller's reply queue is missing: every reply is confirmed
 * by the broker ({@link Transport#directSendConfirmed}); one whose queue is missing (the broker restarted and the
 * caller has not declared it again yet) or whose broker is unreachable is sent again with {@link RetryBackoff} for up
 * to {@code retryFor} ({@code kombu_missing_consumer_retry_timeout}), then abandoned: logged as an error naming
 * method, message id, queue and what it said, and kept ({@link #abandoned()}, the latest {@value #KEPT}). As oslo's
 * {@code _obsolete_reply_queues}, a queue given up on is tried only once for the next replies (a dead caller must not
 * hold a worker for the whole timeout per reply), until one reaches it again.
 */
final class ReplySender {
    private static final Logger LOG = LoggerFactory.getLogger(ReplySender.class);
    static final int KEPT = 64;
    private final Transport transport;
    private final Duration retryFor;
    private final RetryBackoff backoff;
    private final Deque<AbandonedReply> abandoned = new ArrayDeque<>();
    private final Map<String, Boolean> obsolete = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > KEPT;
        }
    };

    ReplySender(Transport transport, Duration retryFor, RetryBackoff backoff) {
        this.transport = transport;
        this.retryFor = retryFor;
        this.backoff = backoff;
    }

    /**
     * Sends one final reply, retrying as above; runs on the step's worker thread.
     *
     * @return true when the broker took it into the caller's queue
     */
    boolean send(String method, String queue, String msgId, String body, String summary) {
        long deadline = System.nanoTime() + (isObsolete(queue) ? 0 : retryFor.toNanos());
        for (int attempt = 1; ; attempt++) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            try {
                transport.directSendConfirmed(queue, body, left.isZero() ? Duration.ofMillis(1) : left);
                synchronized (obsolete) {
                    obsolete.remove(queue);
                }
                if (attempt > 1) {
                    LOG.info("reply to {} ({} msg_id {}) delivered at attempt {}", method, summary, msgId, attempt);
                }
                return true;
            } catch (MessagingException e) {
                Optional<Duration> wait = backoff.next(attempt, Duration.ofNanos(deadline - System.nanoTime()));
                if (wait.isEmpty()) {
                    abandon(new AbandonedReply(method, msgId, queue, summary, e.getMessage()), attempt);
                    return false;
                }
                LOG.info("reply to {} msg_id {} not delivered ({}); trying again in {} ms", method, msgId,
                        e.getMessage(), wait.get().toMillis());
                try {
                    Thread.sleep(wait.get().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    abandon(new AbandonedReply(method, msgId, queue, summary, "interrupted (the agent stops)"),
                            attempt);
                    return false;
                }
            }
        }
    }

    private boolean isObsolete(String queue) {
        synchronized (obsolete) {
            return obsolete.containsKey(queue);
        }
    }

    private void abandon(AbandonedReply r, int attempts) {
        synchronized (obsolete) {
            obsolete.put(r.replyQueue(), Boolean.TRUE);
        }
        LOG.error("abandoning the reply to {} (msg_id {}, {}) after {} attempt(s): reply queue {} unreachable: {}",
                r.method(), r.msgId(), r.summary(), attempts, r.replyQueue(), r.reason());
        synchronized (abandoned) {
            abandoned.addLast(r);
            while (abandoned.size() > KEPT) {
                abandoned.removeFirst();
            }
        }
    }

    /** The replies given up on, oldest first. */
    List<AbandonedReply> abandoned() {
        synchronized (abandoned) {
            return List.copyOf(abandoned);
        }
    }
}
