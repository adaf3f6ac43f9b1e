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

/**
 * A peer-to-peer live migration of a lab guest (Nova's flags: LIVE, PEER2PEER, PERSIST_DEST, UNDEFINE_SOURCE,
 * plus POSTCOPY / AUTO_CONVERGE as the features say) through {@code virDomainMigrateToURI3}, watched by our
 * monitor; every event is recorded.
 */
public final class MonitoredMigration {
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
        this.call = new LazyCall(domain, () -> {
            if (calc != null) {
                calc.start(); // before the migration job: the calculation takes a modify job
            }
            domain.migrateToURI(destUri, p, f);
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
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!call.isDone() && System.nanoTime() < deadline) {
            BusyGuestLab.sleep(50);
        }
        if (!call.isDone()) {
            throw new IllegalStateException("the migrate call did not return within 60 s of the outcome " + outcome);
        }
        return outcome;
    }

    /** The blocking migrate call. */
    @FunctionalInterface
    interface Call {
        void migrate() throws Exception;
    }

    /**
     * The migrate call on its own thread, started by the monitor's first look at it, i.e. once {@code run()} has
     * subscribed to the domain's events: a quick migration must not end before anyone listens.
     */
    private static final class LazyCall implements MigrationOperation {
        private final Call call;
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
            Thread t = new Thread(() -> {
                try {
                    call.migrate();
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
