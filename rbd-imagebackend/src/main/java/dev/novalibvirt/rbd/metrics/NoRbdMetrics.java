package dev.novalibvirt.rbd.metrics;

import java.time.Duration;
import java.util.function.Supplier;

/** The default: no meters, and no clock read around each operation. */
enum NoRbdMetrics implements RbdMetrics {
    INSTANCE;

    @Override
    public void operation(String op, String result, Duration took) {
    }

    @Override
    public void fencing(String action, String result) {
    }

    @Override
    public <T> T timed(String op, Supplier<T> body) {
        return body.get();
    }

    @Override
    public <T> T counted(String action, Supplier<T> body) {
        return body.get();
    }
}
