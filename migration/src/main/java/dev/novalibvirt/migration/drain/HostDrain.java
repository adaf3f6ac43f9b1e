package dev.novalibvirt.migration.drain;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.migration.metrics.MigrationMetrics;
import dev.novalibvirt.migration.task.LiveMigrationOptions;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.Sleeper;
import dev.novalibvirt.migration.task.journal.MigrationJournal;
import dev.novalibvirt.migration.uri.MigrationUris;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Live-migrates a list of guests off one host, each by its own {@link LiveMigrationTask}, as many at once as the
 * {@link DrainCaps} allow, in the order given, and reports each guest's end ({@link DrainHandle},
 * {@link DrainResult}).
 *
 * <p>Nova has no drain API. Operators disable the compute service and run {@code nova host-evacuate-live <host>}
 * (python-novaclient, {@code novaclient/v2/shell.py} {@code do_host_evacuate_live}): the client lists the host's
 * servers and makes one live-migrate API call per server, printing per server whether the call was accepted and its
 * error; {@code --max-servers} only stops it after that many calls, it is not a concurrency cap. The only cap is on
 * the source compute: {@code [DEFAULT] max_concurrent_live_migrations} (nova/conf/compute.py, default 1, 0 =
 * unlimited), the size of the executor {@code ComputeManager} queues each {@code _do_live_migration} on (status
 * {@code queued} until a worker takes it). This class mirrors that pair: one call per guest with its own result,
 * refusals not stopping the rest, and the source's executor cap ({@link DrainCaps#maxPerSource()}); unlike the
 * client it also watches every migration to its end.
 *
 * <p>KubeVirt drains a node when it carries the drain taint ({@code kubevirt.io/drain}): its evacuation controller
 * ({@code pkg/virt-controller/watch/drain/evacuation/evacuation.go}) creates a migration for each live-migratable
 * VMI in listing order, no more than {@code parallelMigrationsPerCluster} (5) minus the unfinished migrations, and the
 * migration controller runs them under that cap and {@code parallelOutboundMigrationsPerNode} (2). The per-cluster
 * cap here is that one ({@link MigrationSlots} shared by drains); see {@link DrainCaps} for the defaults chosen.
 *
 * <p>What a guest's task throws (a pre-check's refusal, a pre_live_migration failure) and a guest no destination
 * fits are that guest's {@link GuestOutcome.Refused}; the drain goes on with the next. Every task is built
 * from one set of task settings (journal, metrics, clock, options; {@link LiveMigrationTask.Builder#perDestination}),
 * so recovery and the meters see each migration as if started alone.
 */
public final class HostDrain {
    private final ComputeDriver source;
    private final Map<String, ComputeDriver> destinations;
    private final DestinationChooser chooser;
    private final List<DrainGuest> guests;
    private final MigrationSlots slots;
    private final Function<ComputeDriver, LiveMigrationTask> tasks;
    private final Clock clock;
    private final Executor executor;

    private HostDrain(Builder b, Map<String, ComputeDriver> destinations, MigrationSlots slots) {
        this.source = b.source;
        this.destinations = destinations;
        this.chooser = b.chooser;
        this.guests = List.copyOf(b.guests);
        this.slots = slots;
        this.tasks = b.tasks.perDestination();
        this.clock = b.clock;
        this.executor = b.executor != null ? b.executor : daemonThread("host-drain-" + source.host());
    }

    /** @param source the driver of the host to drain */
    public static Builder builder(ComputeDriver source) {
        return new Builder(source);
    }

    public MigrationSlots slots() {
        return slots;
    }

    public List<DrainGuest> guests() {
        return guests;
    }

    /** Starts the drain on its executor and returns at once; each call drains the guests again. */
    public DrainHandle start() {
        DrainRun run = new DrainRun(source, destinations, chooser, slots, tasks, clock, guests);
        executor.execute(run::run);
        return new DrainHandle(run);
    }

    private static Executor daemonThread(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
        };
    }

    /** Builder of a drain; the source, at least one destination and the guests are required. */
    public static final class Builder {
        private static final String BUILDER = "HostDrain.builder(source)";
        private final ComputeDriver source;
        private final List<ComputeDriver> destinations = new ArrayList<>();
        private final List<DrainGuest> guests = new ArrayList<>();
        private DestinationChooser chooser = DestinationChooser.leastLoaded();
        private DrainCaps caps = DrainCaps.defaults();
        private boolean capsSet;
        private MigrationSlots slots;
        /** Every guest's task is built from these settings, as a task started alone would be. */
        private final LiveMigrationTask.Builder tasks;
        private Clock clock = Clock.systemUTC();
        private Executor executor;

        private Builder(ComputeDriver source) {
            this.source = source;
            this.tasks = LiveMigrationTask.fromSource(source);
        }

        /** A host the guests may go to; call once per host. */
        public Builder destination(ComputeDriver value) {
            destinations.add(Objects.requireNonNull(value, "destination"));
            return this;
        }

        public Builder destinations(List<? extends ComputeDriver> values) {
            values.forEach(this::destination);
            return this;
        }

        /** Picks each guest's destination; {@link DestinationChooser#leastLoaded()} by default. */
        public Builder chooser(DestinationChooser value) {
            this.chooser = Objects.requireNonNull(value, "chooser");
            return this;
        }

        /** A guest to move; guests are started in the order they are added. */
        public Builder guest(Instance instance, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo) {
            guests.add(new DrainGuest(instance, networkInfo, blockDeviceInfo));
            return this;
        }

        public Builder guests(List<DrainGuest> values) {
            values.forEach(g -> guests.add(Objects.requireNonNull(g, "guest")));
            return this;
        }

        /** This drain's own caps; {@link DrainCaps#defaults()} unless given. Not with {@link #slots}. */
        public Builder caps(DrainCaps value) {
            this.caps = Objects.requireNonNull(value, "caps");
            this.capsSet = true;
            return this;
        }

        /** Nova's {@code max_concurrent_live_migrations}: 1 by default, 0 unlimited. */
        public Builder maxPerSource(int value) {
            return caps(caps.withMaxPerSource(value));
        }

        /** KubeVirt's {@code parallelMigrationsPerCluster}: 5 by default, 0 unlimited. */
        public Builder maxPerCluster(int value) {
            return caps(caps.withMaxPerCluster(value));
        }

        /** Migrations arriving at one destination at once: none by default (0). */
        public Builder maxInboundPerDestination(int value) {
            return caps(caps.withMaxInboundPerDestination(value));
        }

        /** Slots shared with other drains (the cluster); their caps apply. Not with {@link #caps}. */
        public Builder slots(MigrationSlots value) {
            this.slots = Objects.requireNonNull(value, "slots");
            return this;
        }

        /** Options of every guest's task (block migration, listener, timeout). */
        public Builder options(LiveMigrationOptions value) {
            tasks.options(value);
            return this;
        }

        /** The journal every task records into, shared with {@code MigrationRecovery}; none by default. */
        public Builder journal(MigrationJournal value) {
            tasks.journal(value);
            return this;
        }

        public Builder metrics(MigrationMetrics value) {
            tasks.metrics(value);
            return this;
        }

        /** The drain's clock and its tasks'. */
        public Builder clock(Clock value) {
            tasks.clock(value);
            this.clock = value;
            return this;
        }

        /** How tasks wait between retries of abort; {@link Thread#sleep} by default. */
        public Builder sleeper(Sleeper value) {
            tasks.sleeper(value);
            return this;
        }

        /** Where the drain's own loop runs; a daemon thread per drain by default. */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** Where each task runs; the task's default (a thread per migration) unless given. */
        public Builder taskExecutor(Executor value) {
            tasks.executor(Objects.requireNonNull(value, "taskExecutor"));
            return this;
        }

        /**
         * @throws InvalidConfiguration when the source or destinations are missing, a destination is the source or
         *         comes twice, a guest comes twice, or both caps and shared slots are given
         * @throws dev.novalibvirt.core.exception.InvalidHostname when a destination's name is not a plain host name
         */
        public HostDrain build() {
            if (source == null) {
                throw InvalidConfiguration.missingPart(BUILDER, "source", "pass the driver of the host to drain");
            }
            if (destinations.isEmpty()) {
                throw InvalidConfiguration.missingPart(BUILDER, "destination",
                        "call .destination(driver) for each host the guests may go to");
            }
            Map<String, ComputeDriver> byHost = new LinkedHashMap<>();
            for (ComputeDriver d : destinations) {
                String host = MigrationUris.requireValidHostname(d.host());
                if (host.equals(source.host())) {
                    throw new InvalidConfiguration("drain of " + source.host()
                            + ": destination " + host + " is the source itself");
                }
                if (byHost.putIfAbsent(host, d) != null) {
                    throw new InvalidConfiguration("drain of " + source.host() + ": destination " + host
                            + " is given twice");
                }
            }
            Set<String> uuids = new HashSet<>();
            for (DrainGuest g : guests) {
                if (!uuids.add(g.uuid())) {
                    throw new InvalidConfiguration("drain of " + source.host() + ": guest " + g.uuid()
                            + " is given twice");
                }
            }
            if (slots != null && capsSet) {
                throw new InvalidConfiguration("drain of " + source.host() + ": give the caps either to this drain"
                        + " (caps/maxPer...) or to the shared MigrationSlots, not both");
            }
            return new HostDrain(this, Collections.unmodifiableMap(byHost),
                    slots != null ? slots : MigrationSlots.create(caps));
        }
    }
}
