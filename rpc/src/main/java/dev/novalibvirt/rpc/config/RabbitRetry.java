package dev.novalibvirt.rpc.config;

import dev.novalibvirt.core.exception.InvalidConfiguration;
import java.time.Duration;

/**
 * How a connection to RabbitMQ comes back after the broker went away, and how long an agent keeps trying to hand a
 * reply to a caller that is not reachable yet, under oslo.messaging's {@code [oslo_messaging_rabbit]} names and
 * defaults. Reconnecting follows kombu's {@code ensure_connection} as oslo's driver calls it: the first attempt waits
 * {@code rabbit_retry_interval}, every failed one adds {@code rabbit_retry_backoff}, up to
 * {@code rabbit_interval_max} (1 s, 3 s, 5 s, ... 30 s).
 *
 * @param retryInterval               {@code rabbit_retry_interval} (1 s, at least 1 s)
 * @param retryBackoff                {@code rabbit_retry_backoff} (2 s, at least 0)
 * @param intervalMax                 {@code rabbit_interval_max} (30 s, at least 1 s)
 * @param missingConsumerRetryTimeout {@code kombu_missing_consumer_retry_timeout} (60 s, at least 0): how long a
 *                                    reply is retried while its caller's reply queue is missing (after a broker
 *                                    restart, until the caller declared it again) or the broker is unreachable;
 *                                    after that it is abandoned and logged as an error, as oslo does
 */
public record RabbitRetry(Duration retryInterval, Duration retryBackoff, Duration intervalMax,
                          Duration missingConsumerRetryTimeout) {

    public RabbitRetry {
        atLeast(retryInterval, Duration.ofSeconds(1), "rabbit_retry_interval");
        atLeast(retryBackoff, Duration.ZERO, "rabbit_retry_backoff");
        atLeast(intervalMax, Duration.ofSeconds(1), "rabbit_interval_max");
        atLeast(missingConsumerRetryTimeout, Duration.ZERO, "kombu_missing_consumer_retry_timeout");
    }

    /** oslo.messaging's defaults. */
    public static RabbitRetry defaults() {
        return new RabbitRetry(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(60));
    }

    /**
     * The wait before reconnect attempt {@code attempt} (0 for the first after the connection was lost): kombu's
     * linear backoff, capped at {@code rabbit_interval_max}.
     */
    public Duration reconnectDelay(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0, got " + attempt);
        }
        long start = retryInterval.toMillis();
        long step = retryBackoff.toMillis();
        long cap = intervalMax.toMillis();
        if (step == 0) {
            return Duration.ofMillis(Math.min(start, cap));
        }
        long stepsToCap = (cap - start) / step + 1; // from this attempt on the cap applies (no overflow below it)
        long ms = attempt >= stepsToCap ? cap : start + attempt * step;
        return Duration.ofMillis(Math.min(ms, cap));
    }

    private static void atLeast(Duration d, Duration min, String option) {
        if (d == null || d.compareTo(min) < 0) {
            throw new InvalidConfiguration("[oslo_messaging_rabbit] " + option + " = "
                    + (d == null ? "null" : d.toSeconds()) + " must be at least " + min.toSeconds() + " s");
        }
    }
}
