package dev.novalibvirt.libvirt.monitor;

import dev.novalibvirt.libvirt.jna.DomainEvents;
import dev.novalibvirt.migration.logging.PhaseTimer;
import dev.novalibvirt.migration.monitor.GuestState;
import dev.novalibvirt.migration.monitor.JobInfo;
import dev.novalibvirt.migration.monitor.JobType;
import dev.novalibvirt.migration.monitor.LiveMigrationMonitor;
import dev.novalibvirt.migration.monitor.LostSourceProbe;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationGuestException;
import dev.novalibvirt.migration.monitor.MigrationOperation;
import dev.novalibvirt.migration.monitor.MigrationOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.libvirt.TypedParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor of one live migration over libvirt: Nova's {@code _live_migration_monitor} on the caller's thread,
 * watching a migrate call that runs elsewhere (the driver's {@code MigrationExecutor}, the one way migrations run;
 * lab tests start their own), with event-driven completion. {@link #run()} blocks until the job has ended;
 * {@link #forceComplete()} and {@link #abort()} may be called from any thread meanwhile. With a
 * {@link SourceReconnector}, a source libvirtd that goes away mid-job is reconnected to, within a deadline, and
 * the hosts are asked what happened ({@code LostSourceVerdict}) instead of giving up.
 *
 * <p>With {@link Detection#EVENTS} the loop sleeps at most the poll interval but wakes at once on libvirt's
 * job-completed event (whose statistics become the outcome's, post-copy downtime included), on each
 * migration-iteration event (so the convergence policy judges each iteration as it starts) and when the migrate
 * call returns.
 */
public final class MigrationHandle {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationHandle.class);
    /** How long a vanished source domain waits for the job-completed event that carries the final stats. */
    private static final Duration COMPLETION_EVENT_GRACE = Duration.ofSeconds(2);

    /** Where the migration is. */
    public enum State { QUEUED, RUNNING, DONE }

    private final MigrationRequest request;
    private final Detection detection;
    private final LibvirtMigrationGuest guest;
    private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
    private final CompletableFuture<MigrationOutcome> result = new CompletableFuture<>();
    private final LinkedBlockingQueue<String> wakeups = new LinkedBlockingQueue<>();
    private volatile LiveMigrationMonitor monitor;
    private volatile Instant completionEventAt;
    private volatile long completionEventNanos;
    private volatile Instant outcomeAt;
    private volatile Detection effectiveDetection;

    private final MigrationOperation operation;
    private final LostSourceProbe.Policy lostSource;

    private MigrationHandle(MigrationRequest request, Detection detection, MigrationOperation operation,
                            SourceReconnector reconnector, Duration reconnectDeadline) {
        this.request = request;
        this.detection = detection;
        this.operation = java.util.Objects.requireNonNull(operation, "operation");
        this.guest = new LibvirtMigrationGuest(request.domain(), request.dirtyRate());
        this.lostSource = reconnector == null ? LostSourceProbe.Policy.NONE
                : new LostSourceProbe.Policy(probe(reconnector), reconnectDeadline);
    }

    /** Monitors a migrate call started elsewhere; a lost source ends the monitor with the error (Nova's way). */
    public static MigrationHandle attach(MigrationRequest request, MigrationOperation operation, Detection detection) {
        return new MigrationHandle(request, detection, operation, null, Duration.ZERO);
    }

    /**
     * Monitors a migrate call started elsewhere; when the source libvirtd goes away, reconnects through
     * {@code reconnector} for up to {@code reconnectDeadline} and finds out how the job ended.
     */
    public static MigrationHandle attach(MigrationRequest request, MigrationOperation operation, Detection detection,
                                         SourceReconnector reconnector, Duration reconnectDeadline) {
        return new MigrationHandle(request, detection, operation, java.util.Objects.requireNonNull(reconnector),
                reconnectDeadline);
    }

    private LostSourceProbe probe(SourceReconnector reconnector) {
        return new LostSourceProbe() {
            @Override
            public boolean reconnect() {
                Optional<SourceReconnector.Reconnected> back = reconnector.reconnect();
                if (back.isEmpty()) {
                    return false;
                }
                if (back.get().domain() == null) {
                    guest.markGone();
                } else {
                    guest.rebind(back.get().domain());
                }
                return true;
            }

            @Override
            public Optional<GuestState> destinationState() {
                return reconnector.destinationState();
            }
        };
    }

    public String domainName() {
        return guest.name();
    }

    public State state() {
        return state.get();
    }

    /** The outcome, once the migration has ended. */
    public CompletableFuture<MigrationOutcome> outcome() {
        return result;
    }

    /** When libvirt's job-completed event reached this process, if it did. */
    public Optional<Instant> completionEventAt() {
        return Optional.ofNullable(completionEventAt);
    }

    /** When the monitor concluded the migration had ended (and told the listener). */
    public Optional<Instant> outcomeAt() {
        return Optional.ofNullable(outcomeAt);
    }

    /** The detection really used (EVENTS falls back to POLLING when events are unavailable). */
    public Optional<Detection> effectiveDetection() {
        return Optional.ofNullable(effectiveDetection);
    }

    /**
     * Nova's {@code live_migration_force_complete}: post-copy switch when the migration has post-copy, else pause
     * the guest (resumed if the migration then fails). False when the migration is not running (queued or over).
     */
    public boolean forceComplete() {
        LiveMigrationMonitor m = monitor;
        if (state.get() != State.RUNNING || m == null || !m.requestForceComplete()) {
            return false;
        }
        wakeups.offer("force-complete");
        return true;
    }

    /** The monitor switched this migration to post-copy (Nova's status {@code running (post-copy)}). */
    public boolean switchedToPostCopy() {
        LiveMigrationMonitor m = monitor;
        return m != null && m.isPostCopy();
    }

    /**
     * Nova's {@code live_migration_abort} of a running migration: {@code virDomainAbortJob}, then it ends
     * {@code cancelled}. False when it is not running (not yet monitored, or over).
     *
     * @throws MigrationGuestException when libvirt refuses the abort
     */
    public boolean abort() {
        // the migrate call already runs: completing the handle as cancelled here would let migrateToURI3 go on
        // unaborted (issue 11), so only libvirt's abort may end it; a queued migration is the driver's to drop
        LiveMigrationMonitor m = monitor;
        if (state.get() != State.RUNNING || m == null) {
            return false;
        }
        boolean aborted = m.abort();
        wakeups.offer("abort");
        return aborted;
    }

    /**
     * Runs the migration and its monitor on the calling thread until the job has ended.
     *
     * @return how it ended; a monitor failure aborts the job and is re-thrown (Nova does the same)
     */
    public MigrationOutcome run() {
        if (!state.compareAndSet(State.QUEUED, State.RUNNING)) {
            return result.join();
        }
        // the monitor's phases, on this (the migrating) thread: where its time goes shows in the DEBUG lines
        PhaseTimer phases = PhaseTimer.start(LOG, "live_migration", request.phases());
        LiveMigrationMonitor m = new LiveMigrationMonitor(guest, operation, request.settings(), request.features(),
                request.dataGb(), request.listener(), System::nanoTime, lostSource);
        monitor = m;
        AutoCloseable events = subscribe();
        phases.mark("monitor_events_subscribe");
        long pollMs = request.settings().pollInterval().toMillis();
        boolean firstLook = true;
        boolean runningReported = false;
        try {
            while (true) {
                Optional<MigrationOutcome> o = m.poll();
                if (firstLook) {
                    firstLook = false;
                    phases.mark("monitor_first_look");
                }
                if (!runningReported && m.jobSeenRunningAfter().isPresent()) {
                    runningReported = true;
                    phases.report("monitor_job_seen_running_after", m.jobSeenRunningAfter().get().toNanos());
                }
                if (o.isPresent()) {
                    outcomeAt = Instant.now();
                    long eventNanos = completionEventNanos;
                    if (eventNanos != 0) {
                        // how long the job-completed event took to become the outcome (wake-up and last look)
                        phases.report("monitor_completion_event_to_outcome", System.nanoTime() - eventNanos);
                    }
                    phases.report("monitor_total", phases.elapsedNanos());
                    state.set(State.DONE);
                    result.complete(o.get());
                    return o.get();
                }
                wakeups.poll(pollMs, TimeUnit.MILLISECONDS);
                wakeups.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abortAfter(new MigrationGuestException(guest.name() + ": monitor interrupted", e));
        } catch (RuntimeException e) {
            throw abortAfter(e);
        } finally {
            closeQuietly(events);
        }
    }

    private void closeQuietly(AutoCloseable events) {
        if (events == null) {
            return;
        }
        try {
            events.close();
        } catch (Exception e) {
            LOG.debug("{}: closing the event subscription: {}", guest.name(), e.toString());
        }
    }

    private RuntimeException abortAfter(RuntimeException e) {
        LOG.error("{}: live migration monitor failed, aborting the job: {}", guest.name(), e.getMessage());
        try {
            guest.abortJob();
        } catch (MigrationGuestException ignored) {
            // Nova ignores a libvirtError here too
        }
        state.set(State.DONE);
        result.completeExceptionally(e);
        return e;
    }

    private AutoCloseable subscribe() {
        if (detection == Detection.POLLING) {
            effectiveDetection = Detection.POLLING;
            return null;
        }
        try {
            AutoCloseable s = request.events().subscribe(new DomainEvents.Listener() {
                        @Override
                        public void jobCompleted(TypedParameter[] stats) {
                            completionEventNanos = System.nanoTime();
                            completionEventAt = Instant.now();
                            guest.jobCompleted(JobStatsMapper.map(JobType.COMPLETED, stats));
                            wakeups.offer("job-completed");
                        }

                        @Override
                        public void migrationIteration(int iteration) {
                            // events demonstrably flow on this connection: a vanished domain may wait briefly
                            // for the job-completed event's statistics
                            guest.expectCompletionEvent(COMPLETION_EVENT_GRACE);
                            wakeups.offer("iteration");
                        }
                    });
            effectiveDetection = Detection.EVENTS;
            return s;
        } catch (RuntimeException e) { // LibvirtCallException, or the host's connection is away right now
            LOG.info("{}: domain events unavailable, polling every {} ms: {}", guest.name(),
                    request.settings().pollInterval().toMillis(), e.getMessage());
            effectiveDetection = Detection.POLLING;
            return null;
        }
    }

    /** How long after the monitor's start its first look saw the job running; empty until it has. */
    public Optional<Duration> jobSeenRunningAfter() {
        LiveMigrationMonitor m = monitor;
        return m == null ? Optional.empty() : m.jobSeenRunningAfter();
    }

    /** The most recent statistics of the running job, if any were seen. */
    public Optional<JobInfo> lastRunningStats() {
        LiveMigrationMonitor m = monitor;
        return m == null ? Optional.empty() : m.lastRunningStats();
    }
}
