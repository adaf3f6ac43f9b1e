package dev.novalibvirt.migration.logging;

import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times the phases of one migration step on one thread: each phase becomes one DEBUG line
 * ({@code "live_migration phase migratable_xml: 1.84 ms"}) on the logger of the class doing the work, and one call of
 * the {@link PhaseListener}. A phase is either the time since the previous {@link #mark} (or the timer's start) or
 * one timed piece of work ({@link #time}). Not thread-safe: one timer per step and thread.
 */
public final class PhaseTimer {
    private static final Logger SELF = LoggerFactory.getLogger(PhaseTimer.class);

    private final Logger log;
    private final String step;
    private final PhaseListener listener;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long lastNanos;

    private PhaseTimer(Logger log, String step, PhaseListener listener, LongSupplier nanoTime) {
        this.log = Objects.requireNonNull(log, "log");
        this.step = Objects.requireNonNull(step, "step");
        this.listener = listener == null ? PhaseListener.NONE : listener;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.startNanos = nanoTime.getAsLong();
        this.lastNanos = startNanos;
    }

    /** A timer of {@code step} starting now, on the system's monotonic clock. */
    public static PhaseTimer start(Logger log, String step, PhaseListener listener) {
        return new PhaseTimer(log, step, listener, System::nanoTime);
    }

    /** The same on {@code nanoTime} (tests). */
    public static PhaseTimer start(Logger log, String step, PhaseListener listener, LongSupplier nanoTime) {
        return new PhaseTimer(log, step, listener, nanoTime);
    }

    /** Ends phase {@code phase}: the time since the previous mark (or the start); the next phase starts now. */
    public void mark(String phase) {
        long now = nanoTime.getAsLong();
        report(phase, now - lastNanos);
        lastNanos = now;
    }

    /** Runs {@code work} as phase {@code phase}, reported even when it throws; the next phase starts after it. */
    public <T> T time(String phase, Supplier<T> work) {
        long t0 = nanoTime.getAsLong();
        try {
            return work.get();
        } finally {
            long now = nanoTime.getAsLong();
            report(phase, now - t0);
            lastNanos = now;
        }
    }

    /** {@link #time} for work without a value. */
    public void run(String phase, Runnable work) {
        time(phase, () -> {
            work.run();
            return null;
        });
    }

    /** Reports a phase measured elsewhere (e.g. on another thread, or between two events). */
    public void report(String phase, long nanos) {
        if (log.isDebugEnabled()) {
            log.debug("{} phase {}: {} ms", step, phase, millis(nanos));
        }
        try {
            listener.phase(step, phase, nanos);
        } catch (RuntimeException e) {
            SELF.warn("phase listener threw on {} {}: {}", step, phase, e.toString());
        }
    }

    /** Nanoseconds since the timer started. */
    public long elapsedNanos() {
        return nanoTime.getAsLong() - startNanos;
    }

    /** {@code nanos} as milliseconds with two decimals, for log lines. */
    public static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
