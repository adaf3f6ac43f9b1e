package dev.novalibvirt.migration.task;

/** Receives each step of a {@link LiveMigrationTask} as it starts and ends (progress, audit, the demo's output). */
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
}
