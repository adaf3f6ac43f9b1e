package dev.novalibvirt.rpc.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The waits between attempts at a message that did not arrive (a reply whose caller's queue is missing, a request
 * the broker returned right after it restarted): doubling from {@code first} up to {@code max}, never past the point
 * where the sender gives up. Pure, so the schedule is tested without a broker.
 *
 * @param first the wait before the first retry
 * @param max   the longest wait
 */
public record RetryBackoff(Duration first, Duration max) {
    /** A quarter second, doubling to two seconds: short against a broker's restart, few messages while it lasts. */
    public static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofMillis(250), Duration.ofSeconds(2));

    public RetryBackoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, got " + first + ", " + max);
        }
    }

    /**
     * The wait before retry {@code attempt} (1 for the first), or empty when {@code left} (the time until the sender
     * gives up) is gone; the last wait ends exactly when {@code left} does.
     */
    public Optional<Duration> next(int attempt, Duration left) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
        }
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        Duration wait = first;
        for (int i = 1; i < attempt && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        if (wait.compareTo(max) > 0) {
            wait = max;
        }
        return Optional.of(wait.compareTo(left) > 0 ? left : wait);
    }
}
