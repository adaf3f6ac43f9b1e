package dev.novalibvirt.libvirt.jna;

import java.time.Duration;

/**
 * Exponential backoff between retries: {@code initial}, doubled after each further failure, capped at {@code max};
 * a success starts over. Pure, so the schedule is unit-tested; who sleeps is the caller's business.
 *
 * @param initial the wait after the first failure
 * @param max     the longest wait
 */
public record Backoff(Duration initial, Duration max) {
    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + ", " + max);
        }
    }

    /** The wait after {@code failures} consecutive failures (1 = the first). */
    public Duration delay(int failures) {
        if (failures <= 1) {
            return initial;
        }
        int shift = Math.min(failures - 1, 30);
        long ms = initial.toMillis() << shift;
        return ms <= 0 || ms > max.toMillis() ? max : Duration.ofMillis(ms);
    }
}
