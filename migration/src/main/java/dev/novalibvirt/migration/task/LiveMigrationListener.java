package dev.novalibvirt.migration.task;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Receives each step of a {@link LiveMigrationTask} as it starts and ends (progress, audit, the demo's output): one
 * call per Nova step ({@link Step}), not the bytes moving. Byte-level progress (memory remaining, dirty rate,
 * iterations) comes from the source driver's migration monitor, a
 * {@code dev.novalibvirt.migration.monitor.MigrationListener}.
 */
public interface LiveMigrationListener {
    default void stepStarted(Step step, String host) {
    }

    default void stepFinished(StepReport report) {
    }

    /** A listener that ignores everything. */
    static LiveMigrationListener none() {
        return new LiveMigrationListener() {
        };
    }

    /** A listener that hands every finished step (its host, duration and error, if any) to {@code consumer}. */
    static LiveMigrationListener onStepFinished(Consumer<StepReport> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return new LiveMigrationListener() {
            @Override
            public void stepFinished(StepReport report) {
                consumer.accept(report);
            }
        };
    }
}
