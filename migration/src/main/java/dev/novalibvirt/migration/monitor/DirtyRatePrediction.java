package dev.novalibvirt.migration.monitor;

import dev.novalibvirt.migration.monitor.ConvergenceDecision.Action;
import dev.novalibvirt.migration.monitor.ConvergenceDecision.Basis;
import dev.novalibvirt.migration.monitor.ConvergenceDecision.Strategy;
import dev.novalibvirt.migration.monitor.ConvergenceDecision.Verdict;
import java.util.Locale;

/**
 * Decides at the start of a migration, from the dirty rate measured for it ({@link DirtyRateSample}) and the
 * stream's early bandwidth, whether pre-copy can converge, and so whether to switch to post-copy at once instead of
 * after the first full pass. Ours: Nova has no dirty-rate prediction (its monitor only steps the downtime by
 * wall-clock time, {@code migration.update_downtime}, and switches to post-copy on force-complete or the completion
 * timeout); this is a deliberate difference, taken only with our convergence policy on.
 *
 * <p>The model is {@link ConvergencePolicy}'s: with a dirty ratio {@code r = dirty rate / bandwidth} each pass
 * leaves {@code r} of the previous one dirty, so the remainder fits {@code live_migration_downtime} after
 * {@code log(downtime / expected) / log(r)} passes, where {@code expected} is what is left now over the bandwidth.
 * <ul>
 *   <li>no dirtying, expected downtime within {@code live_migration_downtime} (in the first pass only with
 *       {@code r < 1}: its remainder leaves out what the guest dirtied meanwhile), or at most
 *       {@value #MAX_PASSES} passes: CONVERGING, the migration goes on as it was started (plain, or auto-converge
 *       when {@code live_migration_permit_auto_converge} set it);</li>
 *   <li>{@code r >= 1}: DIVERGING; {@code r >= }{@value ConvergencePolicy#STALL_RATIO} or more passes: STALLING.
 *       Either switches to post-copy at once when the migration has it
 *       ({@code live_migration_permit_post_copy}, see {@link MigrationFeatures}); without it the migration goes on
 *       (auto-converge throttles when permitted) and the statistics policy escalates from the second pass.</li>
 * </ul>
 * Page sampling measures the distinct memory dirtied in its period (1 s at least), so a small set rewritten many
 * times a second reads low; the statistics policy stays on behind a CONVERGING prediction for that reason.
 */
public final class DirtyRatePrediction {
    /** Passes, the one under way included, that a converging pre-copy may need. */
    public static final int MAX_PASSES = ConvergencePolicy.MAX_PROJECTED_PASSES + 1;

    private DirtyRatePrediction() {
    }

    /**
     * The decision for one migration.
     *
     * @param dirty            the measured dirty rate (MEASURED)
     * @param bytesPerSec      the stream's bandwidth now (bytes/s, &gt; 0)
     * @param remainingBytes   memory still to send
     * @param iteration        the job's memory iteration, for the record
     * @param maxDowntimeMs    {@code live_migration_downtime}
     * @param allowedDowntimeMs the maximum downtime currently set
     * @param features         post-copy and auto-converge of this migration
     */
    public static ConvergenceDecision decide(DirtyRateSample dirty, long bytesPerSec, long remainingBytes,
                                             long iteration, int maxDowntimeMs, int allowedDowntimeMs,
                                             MigrationFeatures features) {
        if (dirty.status() != DirtyRateSample.Status.MEASURED || bytesPerSec <= 0) {
            throw new IllegalArgumentException("a prediction needs a measured dirty rate and a bandwidth, got "
                    + dirty + " and " + bytesPerSec + " bytes/s");
        }
        long dirtyBps = dirty.bytesPerSec();
        double ratio = (double) dirtyBps / bytesPerSec;
        long expected = remainingBytes * 1000 / bytesPerSec;
        Verdict verdict;
        String why;
        // In the first pass QEMU's remainder is what this pass has not sent yet: what the guest dirtied meanwhile
        // comes back at the first bitmap sync, so a late look there sees a small remainder of a diverging guest.
        // From the second pass on the remainder is what the last sync found dirty, and a fitting one is real.
        boolean fits = expected <= maxDowntimeMs && (iteration > 1 || ratio < 1.0);
        if (dirtyBps == 0 || fits) {
            verdict = Verdict.CONVERGING;
            why = dirtyBps == 0 ? "the guest dirties no memory" : "what is left already fits " + maxDowntimeMs + " ms";
        } else if (ratio >= 1.0) {
            verdict = Verdict.DIVERGING;
            why = "the guest dirties memory at least as fast as the stream sends it";
        } else if (ratio >= ConvergencePolicy.STALL_RATIO) {
            verdict = Verdict.STALLING;
            why = "each pass would come back at least " + Math.round(ConvergencePolicy.STALL_RATIO * 100) + " % dirty";
        } else {
            double passes = Math.log((double) maxDowntimeMs / expected) / Math.log(ratio);
            verdict = passes <= MAX_PASSES ? Verdict.CONVERGING : Verdict.STALLING;
            why = String.format(Locale.ROOT, "about %.1f passes to fit %d ms", Math.max(passes, 0), maxDowntimeMs);
        }
        why = "dirty rate " + dirty + " at the start: " + why;

        Action action = Action.NONE;
        Strategy strategy = Strategy.preCopy(features);
        if (verdict == Verdict.CONVERGING) {
            why += strategy == Strategy.AUTO_CONVERGE ? "; pre-copy with auto-converge" : "; plain pre-copy";
        } else if (features.postCopy()) {
            action = Action.SWITCH_POST_COPY;
            strategy = Strategy.POST_COPY;
            why += "; switch to post-copy now, not after the first pass";
        } else if (strategy == Strategy.AUTO_CONVERGE) {
            why += "; no post-copy: auto-converge throttles the vCPUs, the statistics policy escalates from the "
                    + "second pass";
        } else {
            why += "; no post-copy, no auto-converge: the statistics policy raises the downtime from the second pass,"
                    + " then takes live_migration_timeout_action";
        }
        return new ConvergenceDecision(verdict, action, iteration, remainingBytes, dirtyBps, bytesPerSec, ratio,
                expected, allowedDowntimeMs, allowedDowntimeMs, why, Basis.PREDICTION, strategy);
    }

    /** The decision to leave it to the statistics policy: no measurement ({@code why} says what happened). */
    public static ConvergenceDecision unavailable(String why, long iteration, long remainingBytes, long bytesPerSec,
                                                  int allowedDowntimeMs, MigrationFeatures features) {
        return new ConvergenceDecision(Verdict.UNKNOWN, Action.NONE, iteration, remainingBytes, 0, bytesPerSec, 0,
                0, allowedDowntimeMs, allowedDowntimeMs, "no dirty-rate prediction (" + why
                + "): the statistics policy decides from the second pass", Basis.PREDICTION,
                Strategy.preCopy(features));
    }
}
