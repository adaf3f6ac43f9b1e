package dev.novalibvirt.migration.metrics;

import dev.novalibvirt.migration.monitor.MigrationListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * Where a migration's figures go: the task's outcome and duration, and (through {@link #monitorListener}) the
 * source monitor's downtime, bytes and decisions. {@link #none()} by default; {@link #micrometer} when the embedder
 * has a Micrometer registry.
 *
 * <p>Micrometer is an optional dependency: this interface and {@link #none()} never touch it. Only
 * {@link #micrometer} names Micrometer, in its parameter type and in its body's {@code MicrometerMigrationMetrics};
 * the JVM resolves both when that method runs, not when this interface is loaded or verified (a descriptor is not
 * resolved, and a class is assignable to an interface without being loaded), so a library without Micrometer on
 * its classpath works as long as nobody calls {@link #micrometer} ({@code NoMicrometerOnTheClasspathTest}). Tags are host
 * names and small fixed sets, never an instance uuid or a migration id (those are in the log's MDC instead).
 */
public interface MigrationMetrics {

    /** Timer: one per task that got past its start, tags outcome, source, destination. */
    String DURATION = "novalibvirt.migration.duration";
    /** Timer: libvirt's measured downtime of a completed migration, tags source, mode (pre-copy/post-copy). */
    String DOWNTIME = "novalibvirt.migration.downtime";
    /** Distribution summary (bytes): data a completed migration transferred, tag source. */
    String TRANSFERRED = "novalibvirt.migration.transferred";
    /** Counter: what the monitor or the task did to a running migration, tags source, decision. */
    String DECISIONS = "novalibvirt.migration.decisions";

    /**
     * A task ended.
     *
     * @param outcome completed, rolled_back, needs_recovery, or refused (a pre-check or pre_live_migration threw)
     */
    void migrationEnded(String outcome, String sourceHost, String destinationHost, Duration took);

    /** A completed migration's downtime as libvirt measured it. */
    void downtime(String sourceHost, boolean postCopy, Duration downtime);

    /** The data a completed migration transferred. */
    void transferred(String sourceHost, long bytes);

    /** One decision about a running migration (see {@link Decision}). */
    void decision(String sourceHost, Decision decision);

    /**
     * The listener to give the source host's monitor (e.g. {@code LibvirtDriver.builder().migrationListener(...)}),
     * so that its events become downtime, bytes and decision meters tagged with {@code sourceHost}.
     */
    default MigrationListener monitorListener(String sourceHost) {
        return new MonitorEventMeters(this, sourceHost);
    }

    /** Records nothing and loads nothing of Micrometer. */
    static MigrationMetrics none() {
        return NoMigrationMetrics.INSTANCE;
    }

    /** Meters in {@code registry}; the caller has Micrometer on its classpath, or it could not pass one. */
    // "exports": Micrometer is an optional module (requires static), read only by embedders that pass a registry
    @SuppressWarnings("exports")
    static MigrationMetrics micrometer(MeterRegistry registry) {
        return new MicrometerMigrationMetrics(registry);
    }

    /** The decision tag's values: a fixed set, so that the counter's cardinality stays small. */
    enum Decision {
        /** The monitor started the job with auto-converge (post-copy not permitted). */
        AUTO_CONVERGE("auto-converge"),
        /** The maximum downtime was raised after its first value (a later downtime step or the convergence policy). */
        RAISE_DOWNTIME("raise-downtime"),
        /** The migration switched to post-copy. */
        POST_COPY("post-copy"),
        /** The guest was paused so that the copy can finish. */
        PAUSE("pause"),
        /** The convergence policy gave up and took the completion timeout's action. */
        TIMEOUT_ACTION("timeout-action"),
        /** A caller's abort was accepted by the task. */
        ABORT("abort"),
        /** A caller's force-complete was accepted by the task. */
        FORCE_COMPLETE("force-complete"),
        /** The task's own deadline ({@code LiveMigrationTask.Builder#timeout}) aborted the migration. */
        TIMEOUT_ABORT("timeout-abort"),
        /** The dirty rate measured at the start predicted a converging pre-copy, plain: nothing done. */
        PREDICT_PLAIN("predict-plain"),
        /** The prediction left the migration to auto-converge (post-copy not available). */
        PREDICT_AUTO_CONVERGE("predict-auto-converge"),
        /** The prediction switched to post-copy at the start (the switch itself counts as {@link #POST_COPY}). */
        PREDICT_POST_COPY("predict-post-copy"),
        /** No dirty rate could be measured: the statistics of the passes decide. */
        PREDICT_UNAVAILABLE("predict-unavailable");

        private final String tag;

        Decision(String tag) {
            this.tag = tag;
        }

        /** The tag value. */
        public String tag() {
            return tag;
        }
    }
}
