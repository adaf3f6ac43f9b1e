package dev.novalibvirt.migration.monitor;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** A monotonic clock the test moves by hand. */
final class FakeClock implements LongSupplier {
    long nanos = 1_000_000_000L;

    @Override
    public long getAsLong() {
        return nanos;
    }

    void advanceMs(long ms) {
        nanos += TimeUnit.MILLISECONDS.toNanos(ms);
    }

    void advanceSec(double s) {
        nanos += (long) (s * 1e9);
    }
}
