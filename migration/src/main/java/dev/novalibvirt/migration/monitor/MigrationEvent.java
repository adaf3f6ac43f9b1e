package dev.novalibvirt.migration.monitor;

import java.util.List;

/**
 * What a {@link MigrationListener} hears about one live migration, in order: {@link Started}, then any number
 * of {@link Progress}, {@link DowntimeChanged}, {@link PolicyDecision}, {@link PostCopySwitched} and
 * {@link Paused}, then exactly one of {@link Completed}, {@link Failed} or {@link Cancelled}.
 * Every event names the domain and the monitor's elapsed time in milliseconds.
 */
public sealed interface MigrationEvent {

    String domain();

    long elapsedMs();

    /** The monitor saw the job running; the features and the downtime schedule it will follow. */
    record Started(String domain, long elapsedMs, MigrationFeatures features, double dataGb,
                   long completionTimeoutSeconds, List<DowntimeStep> downtimeSteps) implements MigrationEvent {
        public Started {
            downtimeSteps = List.copyOf(downtimeSteps);
        }
    }

    /**
     * Job statistics: memory total/processed/remaining (bytes), the guest's dirty rate and the stream's
     * bandwidth (bytes/s), the memory iteration, Nova's progress percent and an ETA in seconds (-1 = unknown).
     */
    record Progress(String domain, long elapsedMs, long memoryTotal, long memoryProcessed, long memoryRemaining,
                    long dirtyBytesPerSec, long bytesPerSec, long iteration, int percent, double etaSeconds,
                    long expectedDowntimeMs, boolean postCopy) implements MigrationEvent {
    }

    /** The maximum allowed downtime was set ({@code virDomainMigrateSetMaxDowntime}). */
    record DowntimeChanged(String domain, long elapsedMs, int previousMs, int downtimeMs, String reason)
            implements MigrationEvent {
    }

    /** The convergence policy judged the job statistics; the figures are in the decision. */
    record PolicyDecision(String domain, long elapsedMs, ConvergenceDecision decision) implements MigrationEvent {
    }

    /** The migration switched to post-copy ({@code virDomainMigrateStartPostCopy}); the guest runs on. */
    record PostCopySwitched(String domain, long elapsedMs, String reason) implements MigrationEvent {
    }

    /** The guest was paused so that the copy can finish (force-complete without post-copy). */
    record Paused(String domain, long elapsedMs, String reason) implements MigrationEvent {
    }

    /**
     * The migration completed: libvirt's measured downtime (ms; -1 when libvirt gave none), the job's total
     * time (ms), the data transferred (bytes; -1 when unknown), and whether it ended in post-copy.
     */
    record Completed(String domain, long elapsedMs, long downtimeMs, long totalTimeMs, long dataBytes,
                     boolean postCopy, JobInfo stats) implements MigrationEvent {
    }

    /** The migration failed; the guest still runs on the source (Nova's {@code failed}). */
    record Failed(String domain, long elapsedMs, String reason) implements MigrationEvent {
    }

    /** The migration was aborted; the guest still runs on the source (Nova's {@code cancelled}). */
    record Cancelled(String domain, long elapsedMs, String reason) implements MigrationEvent {
    }
}
