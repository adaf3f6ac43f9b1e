package dev.novalibvirt.migration.monitor;

import java.util.Locale;

/**
 * One judgment of the {@link ConvergencePolicy}, with the figures that led to it.
 *
 * @param verdict            how the pre-copy is going
 * @param action             what the monitor does about it
 * @param iteration          libvirt's memory iteration the judgment was made at
 * @param remainingBytes     memory still to send
 * @param dirtyBytesPerSec   the guest's dirty rate
 * @param bytesPerSec        the migration stream's bandwidth
 * @param dirtyRatio         how much of each pass comes back dirty (dirty rate / bandwidth, or the shrink of the
 *                           remainder between iterations when libvirt gives no dirty rate)
 * @param expectedDowntimeMs the downtime a switch-over would take now (QEMU's estimate, or remaining/bandwidth)
 * @param allowedDowntimeMs  the maximum downtime currently allowed
 * @param targetDowntimeMs   the new maximum downtime for {@link Action#RAISE_DOWNTIME}, else the allowed one
 * @param reason             a sentence for logs and events
 * @param basis              what the judgment rests on: the job statistics of a pass, or the dirty rate measured
 *                           at the start ({@link DirtyRatePrediction})
 * @param strategy           how the migration goes on after it: plain pre-copy, pre-copy with auto-converge, or
 *                           post-copy
 */
public record ConvergenceDecision(Verdict verdict, Action action, long iteration, long remainingBytes,
                                  long dirtyBytesPerSec, long bytesPerSec, double dirtyRatio,
                                  long expectedDowntimeMs, int allowedDowntimeMs, int targetDowntimeMs,
                                  String reason, Basis basis, Strategy strategy) {

    public ConvergenceDecision {
        if (verdict == null || action == null || basis == null || strategy == null) {
            throw new IllegalArgumentException("a convergence decision needs its verdict, action, basis and strategy");
        }
        reason = reason == null ? "" : reason;
    }

    /** How the pre-copy phase is going. */
    public enum Verdict {
        /** The remainder shrinks fast enough to fit the allowed downtime within a few iterations. */
        CONVERGING,
        /** The remainder shrinks too slowly (each pass re-dirties most of what was sent). */
        STALLING,
        /** The guest dirties memory at least as fast as the stream sends it: pre-copy can never finish. */
        DIVERGING,
        /** No figures to judge by (the dirty rate could not be measured): the statistics of the passes decide. */
        UNKNOWN
    }

    /** What a judgment rests on. */
    public enum Basis {
        /** The job statistics at a memory iteration ({@link ConvergencePolicy}). */
        STATS,
        /** The dirty rate measured at the start against the stream's early bandwidth ({@link DirtyRatePrediction}). */
        PREDICTION
    }

    /** How the migration proceeds. */
    public enum Strategy {
        /** Pre-copy, nothing throttled. */
        PLAIN,
        /** Pre-copy with QEMU throttling the vCPUs ({@code VIR_MIGRATE_AUTO_CONVERGE}). */
        AUTO_CONVERGE,
        /** Post-copy: the guest runs on the destination and pulls the pages it lacks. */
        POST_COPY;

        /** The strategy a pre-copy with {@code features} runs with. */
        public static Strategy preCopy(MigrationFeatures features) {
            return features.autoConverge() ? AUTO_CONVERGE : PLAIN;
        }
    }

    /** What the monitor does. */
    public enum Action {
        NONE, RAISE_DOWNTIME, SWITCH_POST_COPY, TIMEOUT_ACTION
    }

    /** The log line: verdict, action and every figure. */
    public String describe() {
        return String.format(Locale.ROOT,
                "[%s, %s] %s -> %s at iteration %d: remaining %.1f MiB, dirty %.1f MiB/s, bandwidth %.1f MiB/s, "
                        + "dirty ratio %.2f, expected downtime %d ms, allowed %d ms, target %d ms: %s",
                basis.name().toLowerCase(Locale.ROOT), strategy.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                verdict, action, iteration, remainingBytes / 1048576.0, dirtyBytesPerSec / 1048576.0,
                bytesPerSec / 1048576.0, dirtyRatio, expectedDowntimeMs, allowedDowntimeMs, targetDowntimeMs, reason);
    }
}
