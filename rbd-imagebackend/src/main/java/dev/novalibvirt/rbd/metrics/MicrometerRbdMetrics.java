package dev.novalibvirt.rbd.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/** {@link RbdMetrics} in a Micrometer registry; the only class of this module that uses Micrometer. */
final class MicrometerRbdMetrics implements RbdMetrics {
    private final MeterRegistry registry;

    MicrometerRbdMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void operation(String op, String result, Duration took) {
        Timer.builder(OPERATIONS).description("RBD operations of the image backend")
                .tag("op", op).tag("result", result).register(registry).record(took);
    }

    @Override
    public void fencing(String action, String result) {
        Counter.builder(FENCING).description("Ceph blocklist fencing of hosts and clients")
                .tag("action", action).tag("result", result).register(registry).increment();
    }
}
