package dev.novalibvirt.migration.monitor;

import java.util.Optional;

/**
 * Waits, sample by sample, for the dirty rate measured for this migration and the stream's early bandwidth, then
 * hands both to {@link DirtyRatePrediction} once. Gives up (one UNKNOWN decision, the statistics policy decides)
 * when the guest cannot measure, when no calculation is seen running within {@value #START_GRACE_MS} ms of the job,
 * or when none finishes within its period plus {@value #RESULT_GRACE_MS} ms. The guest reports only the
 * calculation started for this migration ({@link MigrationGuest#dirtyRate()}), so a MEASURED figure is this
 * migration's. One per migration, on the monitor's thread.
 */
final class DirtyRatePredictor {
    /** How long the job may run before a calculation must have shown up. */
    static final long START_GRACE_MS = 3000;
    /** How long past its period a calculation may take to report. */
    static final long RESULT_GRACE_MS = 3000;

    private final MigrationGuest guest;
    private final MonitorSettings settings;
    private final MigrationFeatures features;
    private boolean done;
    private long firstJobMs = -1;
    private long measuringSinceMs = -1;
    private long bestBps;

    DirtyRatePredictor(MigrationGuest guest, MonitorSettings settings, MigrationFeatures features) {
        this.guest = guest;
        this.settings = settings;
        this.features = features;
    }

    /**
     * One sample of the running pre-copy job; the prediction, or the decision to do without one, once.
     *
     * @param elapsedMs the monitor's elapsed time
     */
    Optional<ConvergenceDecision> evaluate(JobInfo info, long elapsedMs, int allowedDowntimeMs) {
        if (done || !info.type().isRunning()) {
            return Optional.empty();
        }
        if (firstJobMs < 0) {
            firstJobMs = elapsedMs;
        }
        // zero pages cost the wire little: the best rate seen so far is the nearer to what the stream can carry
        bestBps = Math.max(bestBps, info.memoryBps());
        DirtyRateSample s;
        try {
            s = guest.dirtyRate();
        } catch (RuntimeException e) { // the guest's own exception, or a binding the libvirt library lacks
            s = DirtyRateSample.unavailable(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        switch (s.status()) {
            case UNAVAILABLE -> {
                return giveUp(s.detail(), info, allowedDowntimeMs);
            }
            case MEASURING -> {
                if (measuringSinceMs < 0) {
                    measuringSinceMs = elapsedMs;
                }
                long limit = Math.max(s.periodSeconds(), 1) * 1000L + RESULT_GRACE_MS;
                if (elapsedMs - measuringSinceMs > limit) {
                    return giveUp("the calculation did not finish within " + limit + " ms", info, allowedDowntimeMs);
                }
                return Optional.empty();
            }
            case MEASURED -> {
                if (bestBps <= 0) {
                    return elapsedMs - firstJobMs > START_GRACE_MS + RESULT_GRACE_MS
                            ? giveUp("the stream reported no bandwidth", info, allowedDowntimeMs) : Optional.empty();
                }
                done = true;
                return Optional.of(DirtyRatePrediction.decide(s, bestBps, info.memoryRemaining(),
                        info.memoryIteration(), settings.downtimeMs(), allowedDowntimeMs, features));
            }
            default -> {
                return waitForStart(info, elapsedMs, allowedDowntimeMs);
            }
        }
    }

    private Optional<ConvergenceDecision> waitForStart(JobInfo info, long elapsedMs, int allowedDowntimeMs) {
        return elapsedMs - firstJobMs > START_GRACE_MS
                ? giveUp("no dirty-rate calculation was started for this migration", info, allowedDowntimeMs)
                : Optional.empty();
    }

    private Optional<ConvergenceDecision> giveUp(String why, JobInfo info, int allowedDowntimeMs) {
        done = true;
        return Optional.of(DirtyRatePrediction.unavailable(why, info.memoryIteration(), info.memoryRemaining(),
                bestBps, allowedDowntimeMs, features));
    }
}
