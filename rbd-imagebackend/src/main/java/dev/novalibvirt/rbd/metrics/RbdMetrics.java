package dev.novalibvirt.rbd.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Meters of RBD operations and of fencing: {@link #none()} by default, {@link #micrometer} when the embedder has a
 * Micrometer registry. Micrometer is an optional dependency; as in the migration module's {@code MigrationMetrics},
 * only {@link #micrometer}'s body names the class that uses it, and the JVM resolves that only when it runs. Tags
 * are an operation or action name and a result (success or the exception's simple class name): never a pool, an
 * image or a host address.
 */
public interface RbdMetrics {

    /** Timer: one RBD operation, tags op (open, create, clone, import, resize, flatten, snap_create, ...), result. */
    String OPERATIONS = "novalibvirt.rbd.operations";
    /** Counter: one fencing action, tags action (fence-host, fence-clients, unfence-host), result. */
    String FENCING = "novalibvirt.fencing";
    /** The result tag of an operation that returned. */
    String SUCCESS = "success";

    void operation(String op, String result, Duration took);

    void fencing(String action, String result);

    /** Runs {@code body} as operation {@code op}: timed, with its result, its exception rethrown. */
    default <T> T timed(String op, Supplier<T> body) {
        long t0 = System.nanoTime();
        try {
            T value = body.get();
            operation(op, SUCCESS, Duration.ofNanos(System.nanoTime() - t0));
            return value;
        } catch (RuntimeException e) {
            operation(op, e.getClass().getSimpleName(), Duration.ofNanos(System.nanoTime() - t0));
            throw e;
        }
    }

    /** {@link #timed(String, Supplier)} for an operation without a value. */
    default void timedRun(String op, Runnable body) {
        timed(op, () -> {
            body.run();
            return null;
        });
    }

    /** Runs {@code body} as fencing {@code action} and counts it with its result; its exception is rethrown. */
    default <T> T counted(String action, Supplier<T> body) {
        try {
            T value = body.get();
            fencing(action, SUCCESS);
            return value;
        } catch (RuntimeException e) {
            fencing(action, e.getClass().getSimpleName());
            throw e;
        }
    }

    /** Records nothing and loads nothing of Micrometer. */
    static RbdMetrics none() {
        return NoRbdMetrics.INSTANCE;
    }

    /** Meters in {@code registry}. */
    static RbdMetrics micrometer(MeterRegistry registry) {
        return new MicrometerRbdMetrics(registry);
    }
}
