package dev.novalibvirt.libvirt.monitor;

import dev.novalibvirt.libvirt.jna.DomainEvents;
import dev.novalibvirt.libvirt.jna.LibvirtCallException;
import dev.novalibvirt.migration.monitor.JobInfo;
import dev.novalibvirt.migration.monitor.JobType;
import dev.novalibvirt.migration.monitor.LiveMigrationMonitor;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationGuestException;
import dev.novalibvirt.migration.monitor.MigrationOperation;
import dev.novalibvirt.migration.monitor.MigrationOutcome;
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
 * One live migration driven over libvirt: Nova's {@code _live_migration} (the migrate call on its own thread,
 * the monitor loop on the caller's) with event-driven completion. {@link #run()} blocks until the job has ended;
 * {@link #forceComplete()} and {@link #abort()} may be called from any thread meanwhile.
 *
 * <p>With {@link Detection#EVENTS} the loop sleeps at most the poll interval but wakes at once on libvirt's
 * job-completed event (whose statistics become the outcome's, post-copy downtime included), on each
 * migration-iteration event (so the convergence policy judges each iteration as it starts) and when the migrate
 * call returns.
 */
public final class MigrationHandle {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationHandle.class);
    private static final long OPERATION_JOIN_MS = 60_000;
    /** How long a vanished source domain waits for the job-completed event that carries the final stats. */
    private static final java.time.Duration COMPLETION_EVENT_GRACE = java.time.Duration.ofSeconds(2);

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
    private volatile Instant outcomeAt;
    private volatile Detection effectiveDetection;

    private final MigrationOperation external;

    /** A migration whose migrate call ({@link MigrationRequest#call()}) {@link #run()} starts itself. */
    public MigrationHandle(MigrationRequest request, Detection detection) {
        this(request, detection, null);
    }

    private MigrationHandle(MigrationRequest request, Detection detection, MigrationOperation external) {
        this.request = request;
        this.detection = detection;
        this.external = external;
        this.guest = new LibvirtMigrationGuest(request.domain());
    }

    /**
     * A migration whose migrate call was started elsewhere (the driver's own thread): {@link #run()} only monitors
     * it. The request's {@code call} is not used.
     */
    public static MigrationHandle attach(MigrationRequest request, MigrationOperation operation, Detection detection) {
        return new MigrationHandle(request, detection, java.util.Objects.requireNonNull(operation, "operation"));
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

    /**
     * Nova's {@code live_migration_abort}: a queued migration is dropped without touching libvirt; a running one
     * is aborted ({@code virDomainAbortJob}) and ends {@code cancelled}. False when it is already over.
     *
     * @throws MigrationGuestException when libvirt refuses the abort
     */
    public boolean abort() {
        // an attached handle's migrate call already runs: completing it as cancelled here would let
        // migrateToURI3 go on unaborted (issue 11), so only libvirt's abort may end it
        if (external == null && state.compareAndSet(State.QUEUED, State.DONE)) {
            String reason = "cancelled while queued";
            request.listener().onEvent(new MigrationEvent.Cancelled(guest.name(), 0, reason));
            outcomeAt = Instant.now();
            result.complete(new MigrationOutcome.Cancelled(reason));
            return true;
        }
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
        Operation own = external == null ? new Operation() : null;
        MigrationOperation op = external == null ? own : external;
        LiveMigrationMonitor m = new LiveMigrationMonitor(guest, op, request.settings(), request.features(),
                request.dataGb(), request.listener(), System::nanoTime);
        monitor = m;
        DomainEvents.Subscription events = subscribe();
        Thread opThread = null;
        if (own != null) {
            opThread = new Thread(() -> own.run(request.call()), "live-migration-op-" + guest.name());
            opThread.setDaemon(true);
            opThread.start();
        }
        long pollMs = request.settings().pollInterval().toMillis();
        try {
            while (true) {
                Optional<MigrationOutcome> o = m.poll();
                if (o.isPresent()) {
                    outcomeAt = Instant.now();
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
            if (events != null) {
                events.close();
            }
            if (opThread != null) {
                join(opThread);
            }
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

    private DomainEvents.Subscription subscribe() {
        if (detection == Detection.POLLING) {
            effectiveDetection = Detection.POLLING;
            return null;
        }
        try {
            DomainEvents.Subscription s = DomainEvents.subscribe(request.source(), request.domain(),
                    new DomainEvents.Listener() {
                        @Override
                        public void jobCompleted(TypedParameter[] stats) {
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
        } catch (LibvirtCallException e) {
            LOG.info("{}: domain events unavailable, polling every {} ms: {}", guest.name(),
                    request.settings().pollInterval().toMillis(), e.getMessage());
            effectiveDetection = Detection.POLLING;
            return null;
        }
    }

    private void join(Thread t) {
        try {
            t.join(OPERATION_JOIN_MS);
            if (t.isAlive()) {
                LOG.warn("{}: the migrate call has not returned {} s after the job ended", guest.name(),
                        OPERATION_JOIN_MS / 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The migrate call's thread, as the monitor sees it. */
    private final class Operation implements MigrationOperation {
        private volatile boolean done;
        private volatile String failure;

        void run(MigrationCall call) {
            try {
                call.migrate();
            } catch (Exception e) {
                // Nova logs "Live Migration failure" and lets the job state decide
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
                LOG.info("{}: migrate call failed: {}", guest.name(), failure);
            } finally {
                done = true;
                if (effectiveDetection == Detection.EVENTS) {
                    wakeups.offer("operation-done");
                }
            }
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public Optional<String> failure() {
            return Optional.ofNullable(failure);
        }
    }

    /** The most recent statistics of the running job, if any were seen. */
    public Optional<JobInfo> lastRunningStats() {
        LiveMigrationMonitor m = monitor;
        return m == null ? Optional.empty() : m.lastRunningStats();
    }
}
