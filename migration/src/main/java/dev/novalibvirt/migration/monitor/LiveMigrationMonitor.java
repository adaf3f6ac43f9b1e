package dev.novalibvirt.migration.monitor;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor of one live migration, as pure logic: each {@link #poll()} is one pass of Nova's
 * {@code LibvirtDriver._live_migration_monitor} loop (with {@code migration.run_tasks},
 * {@code should_trigger_timeout_action}, {@code update_downtime}, {@code save_stats}, {@code find_job_type} and
 * {@code run_recover_tasks}). Who calls {@code poll()} and when (a 0.5 s timer, a job-completed event) is the
 * caller's business; {@code dev.novalibvirt.libvirt.monitor} does it over libvirt.
 *
 * <p>The job state is the truth: COMPLETED, FAILED and CANCELLED end the migration; no job while the migrate call
 * has returned means FAILED if the domain still runs on the source and COMPLETED if it is gone.
 *
 * <p>{@link #requestForceComplete()} and {@link #abort()} may be called from any thread.
 */
public final class LiveMigrationMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(LiveMigrationMonitor.class);

    private final MigrationGuest guest;
    private final MigrationOperation operation;
    private final MonitorSettings settings;
    private final MigrationFeatures features;
    private final MigrationListener listener;
    private final LongSupplier nanoTime;
    private final double dataGb;
    private final long completionTimeoutSeconds;
    private final DowntimeSchedule schedule;
    private final ConvergencePolicy policy;
    private final DirtyRatePredictor predictor;
    private final long startNanos;

    private final ForceCompletion forcing;
    private final SourceLoss sourceLoss;
    private final JobStartWatch startWatch;
    private final DowntimeUpdater downtime;
    private volatile MigrationOutcome outcome;
    private final AbortHold abortHold;
    private volatile boolean aborted;
    private boolean started;
    private boolean timeoutActionTaken;
    private long lastStatsNanos;
    private long lastIteration = -1;
    private JobInfo lastRunning;

    public static final String TASK_FORCE_COMPLETE = ForceCompletion.TASK_FORCE_COMPLETE;
    public static final String RECOVER_UNPAUSE = ForceCompletion.RECOVER_UNPAUSE;

    /**
     * @param guest     the migrating source domain
     * @param operation the thread running the migrate call
     * @param settings  the monitor settings
     * @param features  the features this migration runs with (see {@link MigrationFeatures#decide})
     * @param dataGb    the data size (see {@link MigrationDataSize#dataGb})
     * @param listener  hears the events
     * @param nanoTime  a monotonic clock, {@code System::nanoTime} outside tests
     */
    public LiveMigrationMonitor(MigrationGuest guest, MigrationOperation operation, MonitorSettings settings,
                                MigrationFeatures features, double dataGb, MigrationListener listener,
                                LongSupplier nanoTime) {
        this(guest, operation, settings, features, dataGb, listener, nanoTime, LostSourceProbe.Policy.NONE);
    }

    /**
     * A monitor that, when the source libvirtd goes away mid-job, reconnects through {@code lostSource} and
     * finds out what happened (see {@link SourceLoss}) instead of giving up.
     */
    public LiveMigrationMonitor(MigrationGuest guest, MigrationOperation operation, MonitorSettings settings,
                                MigrationFeatures features, double dataGb, MigrationListener listener,
                                LongSupplier nanoTime, LostSourceProbe.Policy lostSource) {
        this.guest = guest;
        this.operation = operation;
        this.settings = settings;
        this.features = features;
        this.listener = listener == null ? MigrationListener.NONE : listener;
        this.nanoTime = nanoTime;
        this.dataGb = dataGb;
        this.completionTimeoutSeconds = MigrationDataSize.completionTimeoutSeconds(
                settings.completionTimeoutSecPerGiB(), dataGb);
        this.schedule = DowntimeSchedule.of(settings, dataGb);
        this.policy = settings.convergencePolicy() ? new ConvergencePolicy(settings, schedule, features) : null;
        this.predictor = settings.convergencePolicy() ? new DirtyRatePredictor(guest, settings, features) : null;
        this.startNanos = nanoTime.getAsLong();
        this.forcing = new ForceCompletion(guest, features, ev -> emit(ev.apply(elapsedMs())));
        this.sourceLoss = new SourceLoss(guest, lostSource, nanoTime);
        this.startWatch = new JobStartWatch(guest.name(), nanoTime, startNanos);
        this.downtime = new DowntimeUpdater(guest, schedule, startWatch);
        this.abortHold = new AbortHold(guest);
    }

    /** The downtime schedule this migration follows. */
    public DowntimeSchedule schedule() {
        return schedule;
    }

    /** Nova's completion timeout for this migration, in seconds (0 = none). */
    public long completionTimeoutSeconds() {
        return completionTimeoutSeconds;
    }

    /** The migration has switched to post-copy (Nova's status {@code running (post-copy)}). */
    public boolean isPostCopy() {
        return forcing.isPostCopy();
    }

    /** How it ended, once it has. */
    public Optional<MigrationOutcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** How long after this monitor's start a look first saw the job running (a late job start shows here). */
    public Optional<Duration> jobSeenRunningAfter() {
        return startWatch.seenRunningAfter();
    }

    /** The most recent statistics of the running job, if any were seen. */
    public synchronized Optional<JobInfo> lastRunningStats() {
        return Optional.ofNullable(lastRunning);
    }

    /**
     * Nova's {@code live_migration_force_complete}: queues the task that the next {@link #poll()} runs
     * (post-copy switch when the migration has post-copy, else pause the guest and resume it if the migration
     * fails). Returns false when the migration has already ended (Nova: {@code NoActiveMigrationForInstance}).
     */
    public boolean requestForceComplete() {
        if (outcome != null) {
            return false;
        }
        forcing.request();
        return true;
    }

    /**
     * Nova's {@code live_migration_abort}: aborts the job right away ({@code virDomainAbortJob}); the monitor then
     * sees CANCELLED and ends with {@link MigrationOutcome.Cancelled}. Returns false when it has already ended.
     *
     * @throws MigrationGuestException when libvirt refuses (e.g. no job, or post-copy already running)
     */
    public boolean abort() {
        if (outcome != null) {
            return false;
        }
        // at once; held only while libvirt has no job yet (see AbortHold)
        if (abortHold.request()) {
            aborted = true; // only once libvirt took it: a refused abort must not turn a later failure into "cancelled"
        }
        return true;
    }

    private long elapsedNanos() {
        return nanoTime.getAsLong() - startNanos;
    }

    private long elapsedMs() {
        return TimeUnit.NANOSECONDS.toMillis(elapsedNanos());
    }

    /**
     * One pass of the monitor loop. Returns the outcome once the job has ended (and on every later call).
     *
     * @throws MigrationGuestException when the timeout action's abort fails (Nova re-raises it too)
     */
    public synchronized Optional<MigrationOutcome> poll() {
        if (outcome != null) {
            return Optional.of(outcome);
        }
        JobInfo info;
        long readStart = startWatch.readStarts();
        try {
            info = sourceLoss.isLost() ? truthAfterLoss() : guest.jobInfo();
        } catch (SourceUnreachable e) {
            if (!sourceLoss.lost(e)) {
                throw e;
            }
            info = sourceLoss.expired() ? unknown(sourceLoss.giveUpReason()) : null;
        }
        if (info == null) {
            return Optional.ofNullable(outcome); // still away, or decided from both hosts' answers
        }
        long readNanos = startWatch.readEnded(readStart);
        JobType type = info.type();
        if (type == JobType.NONE) {
            if (!operation.isDone()) {
                startWatch.noJobYet(readNanos);
                return Optional.empty();
            }
            type = findJobType();
            LOG.debug("{}: no job after the migrate call returned: {}", guest.name(), type);
        }
        switch (type) {
            case BOUNDED, UNBOUNDED -> {
                onRunning(info);
                return Optional.empty();
            }
            case COMPLETED -> {
                return Optional.of(finishCompleted(info));
            }
            case FAILED -> {
                if (aborted) {
                    // a peer-to-peer job we aborted may end FAILED (the destination gives up first): still our abort
                    forcing.runRecoverTasks();
                    return Optional.of(finish(new MigrationOutcome.Cancelled("aborted"),
                            new MigrationEvent.Cancelled(guest.name(), elapsedMs(), "aborted")));
                }
                String reason = !info.errorMessage().isEmpty() ? info.errorMessage()
                        : operation.failure().orElse("migration job failed");
                forcing.runRecoverTasks();
                return Optional.of(finish(new MigrationOutcome.Failed(reason),
                        new MigrationEvent.Failed(guest.name(), elapsedMs(), reason)));
            }
            case CANCELLED -> {
                String reason = aborted ? "aborted" : !info.errorMessage().isEmpty() ? info.errorMessage()
                        : operation.failure().orElse("migration job cancelled");
                forcing.runRecoverTasks();
                return Optional.of(finish(new MigrationOutcome.Cancelled(reason),
                        new MigrationEvent.Cancelled(guest.name(), elapsedMs(), reason)));
            }
            default -> throw new IllegalStateException("unreachable job type " + type);
        }
    }

    /**
     * The source was unreachable: once it answers again, the job or else both hosts decide (see
     * {@link LostSourceVerdict}). Null when that decided the outcome or the source is still away.
     */
    private JobInfo truthAfterLoss() {
        if (!sourceLoss.probe().reconnect()) {
            return sourceLoss.expired() ? unknown(sourceLoss.giveUpReason()) : null;
        }
        JobInfo info = guest.jobInfo();
        LostSourceVerdict v = LostSourceVerdict.decide(info.type(), guest.state(),
                sourceLoss.probe().destinationState());
        sourceLoss.recovered(v);
        switch (v.kind()) {
            case CONTINUE -> {
                return info;
            }
            case COMPLETED -> finishCompleted(info.type() == JobType.COMPLETED ? info : JobInfo.of(JobType.COMPLETED));
            case FAILED -> {
                forcing.runRecoverTasks();
                String reason = "source libvirtd restarted: " + v.reason();
                finish(new MigrationOutcome.Failed(reason), new MigrationEvent.Failed(guest.name(), elapsedMs(), reason));
            }
            case UNKNOWN -> unknown("source libvirtd restarted and " + v.reason());
            default -> throw new IllegalStateException("unreachable verdict " + v.kind());
        }
        return null;
    }

    private JobInfo unknown(String reason) {
        finish(new MigrationOutcome.Unknown(reason),
                new MigrationEvent.Failed(guest.name(), elapsedMs(), "outcome unknown: " + reason));
        return null;
    }

    /** Nova's {@code migration.find_job_type}: no job after the migrate call returned. */
    private JobType findJobType() {
        try {
            GuestState state = guest.state();
            if (state == GuestState.GONE) {
                return JobType.COMPLETED;
            }
            return state.isActive() ? JobType.FAILED : JobType.COMPLETED;
        } catch (MigrationGuestException e) {
            LOG.warn("{}: cannot tell whether the migration completed, assuming it failed: {}",
                    guest.name(), e.getMessage());
            return JobType.FAILED;
        }
    }

    private void onRunning(JobInfo info) {
        lastRunning = info;
        if (abortHold.jobRunning()) {
            aborted = true;
            return;
        }
        long elapsedMs = elapsedMs();
        if (!started) {
            started = true;
            LOG.info("{}: migration running ({}); post-copy {}, auto-converge {}, data {} GiB, completion timeout {} "
                            + "s, downtime steps {}{}", guest.name(), startWatch.firstSeenRunning(), features.postCopy(),
                    features.autoConverge(), dataGb, completionTimeoutSeconds, schedule.steps(),
                    policy != null ? ", convergence policy on" : "");
            emit(new MigrationEvent.Started(guest.name(), elapsedMs, features, dataGb, completionTimeoutSeconds,
                    schedule.steps()));
        }
        forcing.runTasks(info);

        double elapsedSec = elapsedNanos() / 1e9;
        if (shouldTriggerTimeoutAction(elapsedSec)) {
            timeoutActionTaken = true;
            String why = "completion timeout of " + completionTimeoutSeconds + " s exceeded after "
                    + Math.round(elapsedSec) + " s";
            takeTimeoutAction(why);
        }

        if (policy != null && !forcing.isPostCopy()) {
            int allowed = downtime.allowedMs();
            // the prediction from the start's dirty rate first; the statistics policy sees every sample all the same
            predictor.evaluate(info, elapsedMs, allowed).ifPresent(this::apply);
            if (!forcing.isPostCopy()) {
                policy.evaluate(info, allowed).ifPresent(this::apply);
            }
        }
        downtime.update(elapsedSec, this::elapsedMs, this::emit);

        boolean newIteration = info.memoryIteration() != lastIteration;
        lastIteration = info.memoryIteration();
        long now = nanoTime.getAsLong();
        if (lastStatsNanos == 0 || newIteration || now - lastStatsNanos >= settings.statsInterval().toNanos()) {
            lastStatsNanos = now;
            MigrationEvent.Progress p = new MigrationEvent.Progress(guest.name(), elapsedMs, info.memoryTotal(),
                    info.memoryProcessed(), info.memoryRemaining(), info.dirtyBytesPerSec(), info.memoryBps(),
                    info.memoryIteration(), info.progressPercent(), info.etaSeconds(), info.downtimeMs(), forcing.isPostCopy());
            if (newIteration && info.memoryIteration() > 0) {
                LOG.info("{}: progress {} %, iteration {}, remaining {} MiB, dirty {} MiB/s, bandwidth {} MiB/s",
                        guest.name(), p.percent(), p.iteration(), p.memoryRemaining() >> 20,
                        p.dirtyBytesPerSec() >> 20, p.bytesPerSec() >> 20);
            }
            emit(p);
        }
    }

    /** Nova's {@code should_trigger_timeout_action}; ours fires once. */
    private boolean shouldTriggerTimeoutAction(double elapsedSec) {
        if (timeoutActionTaken || completionTimeoutSeconds == 0 || forcing.isPostCopy()) {
            return false;
        }
        return elapsedSec > completionTimeoutSeconds;
    }

    private void takeTimeoutAction(String why) {
        if (settings.timeoutAction() == TimeoutAction.ABORT) {
            LOG.warn("{}: {}; aborting the migration", guest.name(), why);
            aborted = true;
            guest.abortJob(); // Nova re-raises a failure here
        } else {
            LOG.warn("{}: {}; forcing completion", guest.name(), why);
            forcing.forceComplete(why);
        }
    }

    private void apply(ConvergenceDecision d) {
        LOG.info("{}: convergence policy: {}", guest.name(), d.describe());
        emit(new MigrationEvent.PolicyDecision(guest.name(), elapsedMs(), d));
        switch (d.action()) {
            case RAISE_DOWNTIME -> downtime.raiseFloor(d.targetDowntimeMs());
            case SWITCH_POST_COPY -> forcing.switchToPostCopy("convergence policy: " + d.reason());
            case TIMEOUT_ACTION -> {
                timeoutActionTaken = true;
                takeTimeoutAction("convergence policy: " + d.reason());
            }
            case NONE -> { }
            default -> throw new IllegalStateException("unreachable action " + d.action());
        }
    }

    private MigrationOutcome finishCompleted(JobInfo stats) {
        long monitorMs = elapsedMs();
        long downtime = stats.downtimeMs() > 0 ? stats.downtimeMs() : -1;
        long total = stats.timeElapsedMs() > 0 ? stats.timeElapsedMs() : monitorMs;
        long data = stats.dataProcessed() > 0 ? stats.dataProcessed()
                : stats.memoryProcessed() > 0 ? stats.memoryProcessed() : -1;
        boolean postCopy = forcing.isPostCopy();
        MigrationEvent.Completed ev = new MigrationEvent.Completed(guest.name(), monitorMs, downtime, total, data,
                postCopy, stats);
        LOG.info("{}: migration completed in {} ms, downtime {} ms, {} bytes{}", guest.name(), total, downtime, data,
                postCopy ? " (post-copy)" : "");
        return finish(new MigrationOutcome.Completed(ev), ev);
    }

    private MigrationOutcome finish(MigrationOutcome o, MigrationEvent ev) {
        if (!(o instanceof MigrationOutcome.Completed)) {
            LOG.warn("{}: migration {}: {}", guest.name(), o.novaStatus(),
                    o.reason());
        }
        outcome = o;
        emit(ev);
        return o;
    }

    private void emit(MigrationEvent ev) {
        try {
            listener.onEvent(ev);
        } catch (RuntimeException e) {
            LOG.warn("{}: migration listener threw on {}: {}", guest.name(), ev.getClass().getSimpleName(), e.toString());
        }
    }
}
