package dev.novalibvirt.conformance.monitor;

import dev.novalibvirt.libvirt.monitor.Detection;
import dev.novalibvirt.libvirt.monitor.DirtyRateCalc;
import dev.novalibvirt.libvirt.monitor.MigrationHandle;
import dev.novalibvirt.libvirt.monitor.MigrationRequest;
import dev.novalibvirt.migration.flags.MigrationFlag;
import dev.novalibvirt.migration.monitor.MigrationDataSize;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationFeatures;
import dev.novalibvirt.migration.monitor.MigrationOutcome;
import dev.novalibvirt.migration.monitor.MigrationOperation;
import dev.novalibvirt.migration.monitor.MonitorSettings;
import dev.novalibvirt.migration.logging.PhaseListener;
import dev.novalibvirt.migration.logging.PhaseTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.TypedIntParameter;
import org.libvirt.TypedParameter;
import org.libvirt.TypedUlongParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer-to-peer live migration of a lab guest (Nova's flags: LIVE, PEER2PEER, PERSIST_DEST, UNDEFINE_SOURCE,
 * plus POSTCOPY / AUTO_CONVERGE as the features say) through {@code virDomainMigrateToURI3}, watched by our
 * monitor; every event is recorded.
 */
public final class MonitoredMigration {
    private static final Logger LOG = LoggerFactory.getLogger(MonitoredMigration.class);
    public final List<MigrationEvent> events = new CopyOnWriteArrayList<>();
    public final MigrationHandle handle;
    private final LazyCall call;

    /**
     * @param bandwidthMib the stream cap in MiB/s (0 = none)
     * @param memoryMb     the guest's RAM, for Nova's data size
     */
    public MonitoredMigration(Connect source, Domain domain, String destUri, long bandwidthMib, MonitorSettings settings,
                              MigrationFeatures features, long memoryMb, Detection detection) {
        this(source, domain, destUri, bandwidthMib, settings, features, memoryMb, detection, 1);
    }

    /**
     * The same with {@code parallelConnections} streams (Nova's {@code live_migration_parallel_connections}: above 1
     * the PARALLEL flag and the {@code parallel.connections} parameter). With the convergence policy on, the
     * guest's dirty-rate calculation is started right before the migrate call, for the policy's prediction.
     */
    public MonitoredMigration(Connect source, Domain domain, String destUri, long bandwidthMib, MonitorSettings settings,
                              MigrationFeatures features, long memoryMb, Detection detection, int parallelConnections) {
        int flags = MigrationFlag.LIVE.bit() | MigrationFlag.PEER2PEER.bit() | MigrationFlag.PERSIST_DEST.bit()
                | MigrationFlag.UNDEFINE_SOURCE.bit();
        if (features.postCopy()) {
            flags |= MigrationFlag.POSTCOPY.bit();
        }
        if (features.autoConverge()) {
            flags |= MigrationFlag.AUTO_CONVERGE.bit();
        }
        // always at least one parameter: libvirt-java 0.5.4's migrateToURI fails on an empty array;
        // Nova always passes live_migration_bandwidth (0 = hypervisor's choice) too
        List<TypedParameter> params = new ArrayList<>();
        params.add(new TypedUlongParameter("bandwidth", bandwidthMib));
        if (parallelConnections > 1) {
            flags |= MigrationFlag.PARALLEL.bit();
            params.add(new TypedIntParameter(
                    Domain.DomainMigrateParameters.VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS, parallelConnections));
        }
        TypedParameter[] p = params.toArray(TypedParameter[]::new);
        int f = flags;
        DirtyRateCalc calc = settings.convergencePolicy() ? new DirtyRateCalc(domain, DirtyRateCalc.DEFAULT_SECONDS)
                : null;
        MigrationRequest req = new MigrationRequest(source, domain, settings, features,
                MigrationDataSize.dataGb(memoryMb), events::add).withDirtyRate(calc);
        this.call = new LazyCall(domain, timing -> {
            // timed (issue 16): a call that waits inside libvirt (e.g. for the domain's job) shows which one was late
            PhaseTimer t = PhaseTimer.start(LOG, "lab_migrate", PhaseListener.NONE);
            if (calc != null) {
                t.run("dirty_rate_start", calc::start); // before the migration job: the calculation takes a modify job
                timing.calcStartNanos = t.elapsedNanos();
            }
            timing.migrateEnteredNanos = timing.sinceFirstLook();
            LOG.debug("lab_migrate: migrateToURI entered {} ms after the monitor's first look",
                    PhaseTimer.millis(timing.migrateEnteredNanos));
            try {
                domain.migrateToURI(destUri, p, f);
            } finally {
                timing.migrateReturnedNanos = timing.sinceFirstLook();
                LOG.debug("lab_migrate: migrateToURI returned {} ms after the monitor's first look",
                        PhaseTimer.millis(timing.migrateReturnedNanos));
            }
        });
        this.handle = MigrationHandle.attach(req, call, detection);
    }

    /**
     * Runs the monitor, then waits (up to 60 s) for the migrate call itself to return. The monitor decides as soon
     * as libvirt reports the job's end; the peer-to-peer call returns only after libvirt has finished or torn
     * down the destination's side, which is what a test that looks at the destination must wait for.
     */
    public MigrationOutcome run() {
        MigrationOutcome outcome = handle.run();
        call.timing.outcomeNanos = call.timing.sinceFirstLook();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!call.isDone() && System.nanoTime() < deadline) {
            BusyGuestLab.sleep(50);
        }
        if (!call.isDone()) {
            throw new IllegalStateException("the migrate call did not return within 60 s of the outcome " + outcome);
        }
        return outcome;
    }

    /**
     * When things happened, in ms after the monitor's first look (which starts the migrate call), for a bench's
     * notes: a late job start is told apart from a slow dirty-rate start or a late migrate call. -1: not (yet).
     */
    public record Timeline(double calcStartMs, double migrateEnteredMs, double jobSeenRunningMs, double outcomeMs,
                           double migrateReturnedMs) {
        /** One line for the bench's output. */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "dirty-rate start took %s ms, migrate call entered at %s ms, "
                    + "job seen running at %s ms (monitor time), outcome at %s ms, migrate call returned at %s ms",
                    f(calcStartMs), f(migrateEnteredMs), f(jobSeenRunningMs), f(outcomeMs), f(migrateReturnedMs));
        }

        private static String f(double ms) {
            return ms < 0 ? "-" : String.format(java.util.Locale.ROOT, "%.0f", ms);
        }
    }

    /** This migration's timeline so far. */
    public Timeline timeline() {
        Timing t = call.timing;
        return new Timeline(ms(t.calcStartNanos), ms(t.migrateEnteredNanos),
                handle.jobSeenRunningAfter().map(d -> d.toNanos() / 1e6).orElse(-1.0), ms(t.outcomeNanos),
                ms(t.migrateReturnedNanos));
    }

    private static double ms(long nanos) {
        return nanos < 0 ? -1 : nanos / 1e6;
    }

    /** The moments of {@link Timeline}, in nanoseconds after the first look; written on the migrate thread. */
    static final class Timing {
        private volatile long firstLookNanos;
        volatile long calcStartNanos = -1;
        volatile long migrateEnteredNanos = -1;
        volatile long outcomeNanos = -1;
        volatile long migrateReturnedNanos = -1;

        /** Nanoseconds since the first look; -1 before it. */
        long sinceFirstLook() {
            long first = firstLookNanos;
            return first == 0 ? -1 : System.nanoTime() - first;
        }
    }

    /** The blocking migrate call. */
    @FunctionalInterface
    interface Call {
        void migrate(Timing timing) throws Exception;
    }

    /**
     * The migrate call on its own thread, started by the monitor's first look at it, i.e. once {@code run()} has
     * subscribed to the domain's events: a quick migration must not end before anyone listens.
     */
    private static final class LazyCall implements MigrationOperation {
        private final Call call;
        private final Timing timing = new Timing();
        private final String name;
        private final AtomicBoolean started = new AtomicBoolean();
        private volatile boolean done;
        private volatile String failure;

        LazyCall(Domain domain, Call call) {
            this.call = call;
            String n;
            try {
                n = domain.getName();
            } catch (LibvirtException e) {
                n = "domain";
            }
            this.name = n;
        }

        private void startOnce() {
            if (!started.compareAndSet(false, true)) {
                return;
            }
            timing.firstLookNanos = System.nanoTime();
            Thread t = new Thread(() -> {
                try {
                    call.migrate(timing);
                } catch (Exception e) {
                    failure = e.getMessage() == null ? e.toString() : e.getMessage();
                } finally {
                    done = true;
                }
            }, "lab-migrate-" + name);
            t.setDaemon(true);
            t.start();
        }

        @Override
        public boolean isDone() {
            startOnce();
            return done;
        }

        @Override
        public Optional<String> failure() {
            return Optional.ofNullable(failure);
        }
    }

    @SuppressWarnings("unchecked")
    public <T extends MigrationEvent> List<T> eventsOf(Class<T> type) {
        return (List<T>) events.stream().filter(type::isInstance).toList();
    }
}
