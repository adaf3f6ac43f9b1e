package dev.novalibvirt.migration.monitor;

import java.util.Optional;

/**
 * Our convergence policy, opt-in through {@link MonitorSettings#convergencePolicy()}; Nova has no equivalent
 * (it removed its progress-based post-copy switch in Stein and only steps the downtime by wall-clock time).
 *
 * <p>At each new memory iteration after the first full pass it compares how fast the guest dirties memory with
 * how fast the stream sends it. The <em>dirty ratio</em> is the share of each pass that comes back dirty, the
 * largest of: dirty rate / bandwidth, the remainder over what the last pass sent, and this iteration's remainder
 * over the previous one (QEMU under-reports the dirty rate of a guest that re-dirties the same pages). With a
 * ratio {@code r} the remainder shrinks geometrically by {@code r} per pass, so the number of passes until the
 * switch-over fits the largest allowed downtime is {@code log(max/expected)/log(r)}.
 * <ul>
 *   <li>{@code r >= 1}: {@link ConvergenceDecision.Verdict#DIVERGING}: pre-copy can never finish.</li>
 *   <li>{@code r >= 0.9} or more than {@value #MAX_PROJECTED_PASSES} passes needed: STALLING.</li>
 *   <li>otherwise, or when the expected downtime already fits: CONVERGING, nothing is done.</li>
 * </ul>
 * When not converging it escalates, one step per iteration, in this order:
 * <ol>
 *   <li>raise the allowed downtime to the first step of Nova's schedule that fits the expected downtime, when one
 *       does ({@code live_migration_downtime} is the ceiling, never exceeded);</li>
 *   <li>switch to post-copy when the migration has it (the guest keeps running; no pause);</li>
 *   <li>without post-copy: raise to the last step, wait {@value #PATIENCE_PASSES} more passes, then run the
 *       configured timeout action ({@code abort} or {@code force_complete}) instead of waiting for the
 *       completion timeout.</li>
 * </ol>
 * Nova's time-based steps and completion timeout stay in force underneath. When the dirty rate was measured at the
 * start, {@link DirtyRatePrediction} may have chosen post-copy before the first pass ended; this policy is then the
 * safety net behind a prediction of "converges" and the fallback when no measurement came. Every judgment is returned as a
 * {@link ConvergenceDecision} that the monitor logs and emits. One instance per migration; not thread-safe.
 */
public final class ConvergencePolicy {
    /** A dirty ratio at or above this stalls (Nova's old post-copy rule: less than 10 % progress per pass). */
    public static final double STALL_RATIO = 0.9;
    /** More projected passes than this count as stalling. */
    public static final int MAX_PROJECTED_PASSES = 3;
    /** Passes to wait at the last downtime step before the timeout action, when post-copy is not available. */
    public static final int PATIENCE_PASSES = 2;

    private final MonitorSettings settings;
    private final DowntimeSchedule schedule;
    private final MigrationFeatures features;
    private long lastIteration = -1;
    private long previousRemaining = -1;
    private long previousProcessed = -1;
    private int passesAtMax;
    private boolean done;

    public ConvergencePolicy(MonitorSettings settings, DowntimeSchedule schedule, MigrationFeatures features) {
        this.settings = settings;
        this.schedule = schedule;
        this.features = features;
    }

    /**
     * Judges one sample of a running pre-copy job. Returns a decision only at the first sample of a new memory
     * iteration (from the second on); empty otherwise, or once post-copy or the timeout action was decided.
     *
     * @param info             the running job's statistics
     * @param allowedDowntimeMs the maximum downtime currently set
     */
    public Optional<ConvergenceDecision> evaluate(JobInfo info, int allowedDowntimeMs) {
        if (done || !info.type().isRunning() || info.memoryIteration() <= lastIteration) {
            return Optional.empty();
        }
        long iteration = info.memoryIteration();
        long remaining = info.memoryRemaining();
        long prev = previousRemaining;
        long sentLastPass = previousProcessed >= 0 ? info.memoryProcessed() - previousProcessed : 0;
        lastIteration = iteration;
        previousRemaining = remaining;
        previousProcessed = info.memoryProcessed();
        if (iteration < 2) {
            return Optional.empty(); // the first pass sends everything once; its figures say nothing yet
        }
        long bps = info.memoryBps();
        long dirty = info.dirtyBytesPerSec();
        // the dirty ratio from three angles, the most pessimistic wins: QEMU's dirty rate against the bandwidth
        // (under-reported when the guest re-dirties the same pages), what came back dirty against what the last
        // pass sent, and the shrink of the remainder between passes
        double ratio = 0; // nothing dirtied, or nothing known: let it run
        if (bps > 0 && info.memoryDirtyRate() > 0) {
            ratio = (double) dirty / bps;
        }
        if (sentLastPass > 0) {
            ratio = Math.max(ratio, (double) remaining / sentLastPass);
        }
        if (prev > 0 && iteration > 2) {
            ratio = Math.max(ratio, (double) remaining / prev);
        }
        // QEMU's own estimate can be stale right at an iteration boundary (seen: 50 ms with 405 MiB left at
        // 100 MiB/s), so the remainder over the bandwidth is taken too, the larger wins
        long expected = Math.max(info.downtimeMs(), bps > 0 ? remaining * 1000 / bps : 0);
        int max = settings.downtimeMs();

        ConvergenceDecision.Verdict verdict;
        String why;
        if (expected <= allowedDowntimeMs) {
            verdict = ConvergenceDecision.Verdict.CONVERGING;
            why = "the expected downtime fits the allowed one; QEMU switches over at the end of this pass";
        } else if (ratio >= 1.0) {
            verdict = ConvergenceDecision.Verdict.DIVERGING;
            why = "the guest dirties memory at least as fast as the stream sends it";
        } else if (ratio >= STALL_RATIO) {
            verdict = ConvergenceDecision.Verdict.STALLING;
            why = "each pass comes back at least " + Math.round(STALL_RATIO * 100) + " % dirty";
        } else {
            double passes = ratio <= 0 ? 1 : Math.log((double) Math.max(max, 1) / expected) / Math.log(ratio);
            if (passes <= MAX_PROJECTED_PASSES) {
                verdict = ConvergenceDecision.Verdict.CONVERGING;
                why = String.format(java.util.Locale.ROOT, "about %.1f more passes to fit %d ms", Math.max(passes, 0), max);
            } else {
                verdict = ConvergenceDecision.Verdict.STALLING;
                why = String.format(java.util.Locale.ROOT, "about %.0f more passes needed to fit %d ms", passes, max);
            }
        }

        ConvergenceDecision.Action action = ConvergenceDecision.Action.NONE;
        int target = allowedDowntimeMs;
        if (verdict != ConvergenceDecision.Verdict.CONVERGING) {
            Optional<DowntimeStep> fitting = expected <= max ? schedule.firstStepAllowing(expected) : Optional.empty();
            if (fitting.isPresent() && fitting.get().downtimeMs() > allowedDowntimeMs) {
                action = ConvergenceDecision.Action.RAISE_DOWNTIME;
                target = fitting.get().downtimeMs();
                why += "; a downtime of " + target + " ms fits";
            } else if (features.postCopy()) {
                action = ConvergenceDecision.Action.SWITCH_POST_COPY;
                done = true;
                why += "; the expected downtime exceeds " + max + " ms, so switch to post-copy";
            } else if (allowedDowntimeMs < schedule.last().downtimeMs()) {
                action = ConvergenceDecision.Action.RAISE_DOWNTIME;
                target = schedule.last().downtimeMs();
                why += "; no post-copy: last downtime step before the timeout action";
            } else if (++passesAtMax > PATIENCE_PASSES) {
                action = ConvergenceDecision.Action.TIMEOUT_ACTION;
                done = true;
                why += "; no post-copy and " + PATIENCE_PASSES + " passes at " + max + " ms did not help: "
                        + settings.timeoutAction().name().toLowerCase(java.util.Locale.ROOT);
            } else {
                why += "; waiting at the last downtime step (" + passesAtMax + "/" + PATIENCE_PASSES + ")";
            }
        }
        ConvergenceDecision.Strategy strategy = action == ConvergenceDecision.Action.SWITCH_POST_COPY
                ? ConvergenceDecision.Strategy.POST_COPY : ConvergenceDecision.Strategy.preCopy(features);
        return Optional.of(new ConvergenceDecision(verdict, action, iteration, remaining, dirty, bps, ratio, expected,
                allowedDowntimeMs, target, why, ConvergenceDecision.Basis.STATS, strategy));
    }
}
