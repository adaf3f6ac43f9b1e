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
 */
public record ConvergenceDecision(Verdict verdict, Action action, long iteration, long remainingBytes,
                                  long dirtyBytesPerSec, long bytesPerSec, double dirtyRatio,
                                  long expectedDowntimeMs, int allowedDowntimeMs, int targetDowntimeMs,
                                  String reason) {

    /** How the pre-copy phase is going. */
    public enum Verdict {
        /** The remainder shrinks fast enough to fit the allowed downtime within a few iterations. */
        CONVERGING,
        /** The remainder shrinks too slowly (each pass re-dirties most of what was sent). */
        STALLING,
        /** The guest dirties memory at least as fast as the stream sends it: pre-copy can never finish. */
        DIVERGING
    }

    /** What the monitor does. */
    public enum Action {
        NONE, RAISE_DOWNTIME, SWITCH_POST_COPY, TIMEOUT_ACTION
    }

    /** The log line: verdict, action and every figure. */
    public String describe() {
        return String.format(Locale.ROOT,
                "%s -> %s at iteration %d: remaining %.1f MiB, dirty %.1f MiB/s, bandwidth %.1f MiB/s, "
                        + "dirty ratio %.2f, expected downtime %d ms, allowed %d ms, target %d ms: %s",
                verdict, action, iteration, remainingBytes / 1048576.0, dirtyBytesPerSec / 1048576.0,
                bytesPerSec / 1048576.0, dirtyRatio, expectedDowntimeMs, allowedDowntimeMs, targetDowntimeMs, reason);
    }
}
