package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.libvirt.host.HostEvents;
import dev.novalibvirt.libvirt.host.JobState;
import dev.novalibvirt.libvirt.host.LibvirtGuest;
import dev.novalibvirt.libvirt.host.SourceMigrationJob;
import dev.novalibvirt.libvirt.monitor.Detection;
import dev.novalibvirt.libvirt.monitor.DirtyRateCalc;
import dev.novalibvirt.libvirt.monitor.MigrationHandle;
import dev.novalibvirt.libvirt.monitor.MigrationRequest;
import dev.novalibvirt.migration.logging.PhaseListener;
import dev.novalibvirt.migration.logging.PhaseTimer;
import dev.novalibvirt.migration.monitor.MigrationDataSize;
import dev.novalibvirt.migration.monitor.MigrationFeatures;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.migration.monitor.MigrationOperation;
import dev.novalibvirt.migration.monitor.MigrationOutcome;
import dev.novalibvirt.migration.monitor.MonitorSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.libvirt.Domain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full monitor behind the driver's {@link MigrationJobWaiter} seam: Nova's {@code _live_migration_monitor}
 * (downtime steps, completion timeout and its action, force-complete by post-copy or pause, events, and, when
 * enabled, the convergence policy) with event-driven completion. Force-complete and abort of a running
 * migration go through it so that the monitor knows what it asked for.
 *
 * <p>It lives beside the seam it implements, not in the monitor package, so that the monitor does not depend on
 * the driver (the monitor is also used on its own). It watches libvirt domains only: the guest must be
 * {@link LibvirtGuest}'s.
 */
public final class MonitorJobWaiter implements MigrationJobWaiter {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorJobWaiter.class);
    private final MonitorSettings settings;
    private final MigrationListener listener;
    private final Detection detection;
    /** How long a source libvirtd may stay away mid-job: a restart takes seconds, a keepalive timeout ~30 s. */
    static final Duration SOURCE_RECONNECT_DEADLINE = Duration.ofSeconds(90);

    private final Map<String, MigrationHandle> running = new ConcurrentHashMap<>();
    /** Instances whose last watched migration ended after the switch to post-copy, until the driver asks. */
    private final Set<String> postCopied = ConcurrentHashMap.newKeySet();
    private final Map<String, DirtyRateCalc> calcs = new ConcurrentHashMap<>();
    private final Host host;
    private final PhaseListener phases;

    @SuppressWarnings("exports") // Detection is the monitor's (internal); the driver builder picks EVENTS
    public MonitorJobWaiter(MonitorSettings settings, MigrationListener listener, Detection detection) {
        this(settings, listener, detection, null);
    }

    /**
     * A waiter that survives a restart of {@code host}'s libvirtd mid-job: it reconnects through the host for up to
     * {@link #SOURCE_RECONNECT_DEADLINE} and asks both hosts how the job ended; events are subscribed through the
     * host, which registers them again on a new connection.
     */
    @SuppressWarnings("exports") // Detection is the monitor's (internal); the driver builder picks EVENTS
    public MonitorJobWaiter(MonitorSettings settings, MigrationListener listener, Detection detection, Host host) {
        this(settings, listener, detection, host, null);
    }

    /** The same, with {@code phases} hearing how long the monitor's phases took (null: nobody). */
    @SuppressWarnings("exports") // Detection is the monitor's (internal); the driver builder picks EVENTS
    public MonitorJobWaiter(MonitorSettings settings, MigrationListener listener, Detection detection, Host host,
                            PhaseListener phases) {
        this.settings = settings;
        this.listener = listener == null ? MigrationListener.NONE : listener;
        this.detection = detection;
        this.host = host;
        this.phases = phases == null ? PhaseListener.NONE : phases;
    }

    /**
     * With the convergence policy on, starts the guest's dirty-rate calculation (1 s, page sampling) for the
     * policy's prediction; a libvirt that cannot is logged, and the policy then decides from the passes alone.
     */
    @Override
    public void beforeMigrate(Instance instance, Guest guest) {
        if (settings.convergencePolicy()) {
            // timed: the call takes a modify job, which waits (up to libvirt's 30 s) behind any job of the domain
            PhaseTimer t = PhaseTimer.start(LOG, "live_migration", phases);
            calcs.put(instance.uuid(), t.time("dirty_rate_start", () -> DirtyRateCalc.startNow(
                    LibvirtGuest.domainOf(guest))));
        }
    }

    @Override
    public JobState awaitOutcome(Instance instance, Guest guest, Future<?> operation) {
        return awaitOutcome(instance, guest, operation, null);
    }

    /** @throws MigrationOutcomeUnknown when the source went away and neither host proved how the job ended */
    @Override
    public JobState awaitOutcome(Instance instance, Guest guest, Future<?> operation, String destinationUri) {
        PhaseTimer t = PhaseTimer.start(LOG, "live_migration", phases);
        Domain domain = LibvirtGuest.domainOf(guest);
        // the driver dropped POSTCOPY for a paused guest; the same rule, read from the domain
        MigrationFeatures features = MigrationFeatures.decide(settings, pausedByUser(domain), false);
        MigrationRequest.EventSubscriber events = host == null ? null
                : l -> HostEvents.subscribe(host, guest.name(), l);
        MigrationRequest request = new MigrationRequest(domain.getConnect(), domain, settings, features,
                MigrationDataSize.dataGb(instance.memoryMib()), listener, events, calcs.remove(instance.uuid()),
                phases);
        MigrationHandle handle = host == null
                ? MigrationHandle.attach(request, new FutureOperation(operation), detection)
                : MigrationHandle.attach(request, new FutureOperation(operation), detection,
                        new HostSourceReconnector(host, guest.name(), destinationUri, Host::open),
                        SOURCE_RECONNECT_DEADLINE);
        running.put(instance.uuid(), handle);
        t.mark("monitor_setup");
        try {
            MigrationOutcome o = handle.run();
            if (o instanceof MigrationOutcome.Unknown u) {
                throw new MigrationOutcomeUnknown("live migration of " + instance.uuid() + ": " + u.reason());
            }
            if (o instanceof MigrationOutcome.Completed) {
                return JobState.COMPLETED;
            }
            return o instanceof MigrationOutcome.Cancelled ? JobState.CANCELLED : JobState.FAILED;
        } finally {
            running.remove(instance.uuid());
            if (handle.switchedToPostCopy()) {
                postCopied.add(instance.uuid());
            }
        }
    }

    @Override
    public boolean switchedToPostCopy(Instance instance) {
        return postCopied.remove(instance.uuid());
    }

    /** Every migration it watches takes force-complete through its monitor. */
    @Override
    public boolean watchesJobs() {
        return true;
    }

    @Override
    public boolean forceComplete(Instance instance) {
        MigrationHandle h = running.get(instance.uuid());
        return h != null && h.forceComplete();
    }

    @Override
    public boolean abort(Instance instance) {
        MigrationHandle h = running.get(instance.uuid());
        return h != null && h.abort();
    }

    /** Paused by a user, not for the migration's last phase (the rule is {@link SourceMigrationJob.Phase#PAUSED}'s). */
    private static boolean pausedByUser(Domain domain) {
        try {
            return SourceMigrationJob.phase(domain) == SourceMigrationJob.Phase.PAUSED;
        } catch (InstanceNotFound | MigrationError e) {
            return false;
        }
    }

    /** The driver's migrate thread, seen through its future. */
    private record FutureOperation(Future<?> future) implements MigrationOperation {
        @Override
        public boolean isDone() {
            return future.isDone();
        }

        @Override
        public Optional<String> failure() {
            if (!future.isDone()) {
                return Optional.empty();
            }
            try {
                future.get();
                return Optional.empty();
            } catch (ExecutionException e) {
                // Guest.migrate reports libvirt's message as the MigrationError's own
                Throwable c = e.getCause();
                return Optional.of(c.getMessage() != null ? c.getMessage() : String.valueOf(c));
            } catch (CancellationException e) {
                return Optional.of("migrate call cancelled");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
    }
}
