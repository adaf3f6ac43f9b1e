package dev.novalibvirt.migration.task;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.topology.CleanupPlan;
import dev.novalibvirt.migration.logging.MigrationMdc;
import dev.novalibvirt.migration.metrics.MigrationMetrics;
import dev.novalibvirt.migration.task.journal.MigrationJournal;
import dev.novalibvirt.migration.uri.MigrationUris;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live migration, run end to end in the order of Nova's conductor ({@code LiveMigrationTask}) and compute manager
 * ({@code check_can_live_migrate_destination} ... {@code _post_live_migration} / {@code _rollback_live_migration}),
 * against two drivers. An embedding controller builds one with {@link #builder} and calls {@link #run} (blocking)
 * or {@link #start} (a {@link LiveMigrationHandle} with progress, abort, force-complete and await); Nova's RPC hops
 * become direct calls.
 *
 * <p>Outcomes: a refused pre-check throws Nova's exception with nothing changed on either host (the destination
 * check's test file is always removed). A failed {@code pre_live_migration} throws after the destination has undone
 * its own partial work; unlike Nova the task then does not call {@code rollback_live_migration_at_destination},
 * which would delete a directory that {@code DestinationDiskExists} refused to touch. From then on nothing is
 * thrown: the {@link LiveMigrationResult} says whether the guest moved ({@link LiveMigrationOutcome}), post or
 * rollback steps having run per the {@link CleanupPlan}; a step that could not reach its host is recorded as
 * pending, and with a {@link MigrationJournal} another process can finish it ({@link MigrationRecovery}).
 *
 * <p>Every log line of a migration carries its instance uuid and migration id in SLF4J's MDC
 * ({@link MigrationMdc}): on the caller's thread while it starts, on the executor's thread that runs it, on the
 * timeout's thread, and on the threads the source driver hands the work to when it propagates the MDC (the libvirt
 * driver does). Its duration, outcome and the decisions taken go to {@link Builder#metrics}.
 */
public final class LiveMigrationTask {
    private static final Logger LOG = LoggerFactory.getLogger(LiveMigrationTask.class);

    private final ComputeDriver source;
    private final ComputeDriver destination;
    private final LiveMigrationOptions options;
    private final MigrationJournal journal;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Executor executor;
    private final MigrationMetrics metrics;

    private LiveMigrationTask(Builder b, ComputeDriver destination) {
        this.source = Objects.requireNonNull(b.source, "source");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.options = b.options;
        this.journal = b.journal;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.executor = b.executor;
        this.metrics = b.metrics;
    }

    /**
     * @param source      the driver of the host the guest runs on
     * @param destination the driver of the host it moves to
     */
    public static Builder builder(ComputeDriver source, ComputeDriver destination) {
        return new Builder(source, destination);
    }

    /**
     * A builder of tasks from {@code source} whose destinations are named one by one later
     * ({@link Builder#perDestination}), e.g. a host drain's per-guest migrations; its {@link Builder#build} refuses.
     */
    public static Builder fromSource(ComputeDriver source) {
        return new Builder(source, null);
    }

    public LiveMigrationOptions options() {
        return options;
    }

    /**
     * Migrates {@code instance} and waits for the end.
     *
     * @throws dev.novalibvirt.core.exception.NovaException a pre-check refusal or a pre_live_migration failure
     */
    public LiveMigrationResult run(Instance instance, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo) {
        return start(instance, networkInfo, blockDeviceInfo).await();
    }

    /**
     * Starts migrating {@code instance} on the task's executor (by default a thread of its own) and returns at once.
     * The destination's name is checked before anything runs.
     *
     * @throws dev.novalibvirt.core.exception.InvalidHostname when the destination is not a plain host name
     * @throws dev.novalibvirt.migration.task.journal.JournalException when the journal cannot be written
     */
    public LiveMigrationHandle start(Instance instance, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo) {
        Objects.requireNonNull(instance, "instance");
        String dest = MigrationUris.requireValidHostname(destination.host());
        String migrationId = UUID.randomUUID().toString();
        return MigrationMdc.call(instance.uuid(), migrationId,
                () -> begin(instance, dest, migrationId, networkInfo, blockDeviceInfo));
    }

    /** {@link #start} with the migration's MDC set on the caller's thread. */
    private LiveMigrationHandle begin(Instance instance, String dest, String migrationId, NetworkInfo networkInfo,
                                      BlockDeviceInfo blockDeviceInfo) {
        TaskControl control = new TaskControl(source, instance, sleeper, migrationId, metrics);
        TaskJournal tj = new TaskJournal(journal, clock, migrationId);
        PowerState before = powerState(instance);
        tj.begin(instance, source.host(), dest, options, before == null ? "UNKNOWN" : before.name());
        TaskRun run = new TaskRun(source, destination, options, clock, tj, control, instance, networkInfo,
                blockDeviceInfo, metrics, before);
        // captured here, inside the MDC: the executor's thread and the timeout's log with this migration's keys
        Supplier<LiveMigrationResult> body = MigrationMdc.propagatingSupplier(() -> run.run(dest));
        CompletableFuture<LiveMigrationResult> result = CompletableFuture.supplyAsync(body, executor);
        LiveMigrationHandle handle = new LiveMigrationHandle(migrationId, control, result);
        if (!options.timeout().isZero()) {
            // A deadline that ends with the migration: orTimeout cancels its timer when the migration ends first,
            // and the JDK's delay queue drops a cancelled timer. A delayedExecutor task stays queued for the whole
            // timeout and kept every finished migration (handle, result, steps) reachable until then (issue 11).
            Runnable abort = MigrationMdc.propagating(() -> abortOnTimeout(handle, control, instance));
            result.copy().orTimeout(options.timeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenCompleteAsync((done, failure) -> {
                        if (failure instanceof TimeoutException) {
                            abort.run();
                        }
                    });
        }
        return handle;
    }

    /**
     * The guest's power state at the start (null when it cannot be read): journaled so recovery does not resume a
     * guest the user paused, and what a rollback's outcome compares the end with.
     */
    private PowerState powerState(Instance instance) {
        try {
            return source.getInfo(instance).state();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void abortOnTimeout(LiveMigrationHandle handle, TaskControl control, Instance instance) {
        if (handle.isDone()) {
            return;
        }
        LOG.warn("live migration of {} exceeded its {} timeout; aborting", instance.uuid(), options.timeout());
        try {
            control.abort(MigrationMetrics.Decision.TIMEOUT_ABORT);
        } catch (RuntimeException e) {
            LOG.warn("timeout abort of {} not possible: {}", instance.uuid(), e.getMessage());
        }
    }

    /** Builder of a task; only the two drivers are required. */
    public static final class Builder {
        private final ComputeDriver source;
        private final ComputeDriver destination;
        private LiveMigrationOptions options = LiveMigrationOptions.defaults();
        private MigrationJournal journal = MigrationJournal.none();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private MigrationMetrics metrics = MigrationMetrics.none();
        private Executor executor = r -> {
            Thread t = new Thread(r, "live-migration-task");
            t.setDaemon(true);
            t.start();
        };

        private Builder(ComputeDriver source, ComputeDriver destination) {
            this.source = source;
            this.destination = destination;
        }

        public Builder options(LiveMigrationOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /** Sets Nova's {@code block_migration} argument; unset by default (the source decides). */
        public Builder blockMigration(boolean value) {
            this.options = options.withBlockMigration(value);
            return this;
        }

        /** Sets Nova's {@code disk_over_commit} argument; unset by default. */
        public Builder diskOverCommit(boolean value) {
            this.options = options.withDiskOverCommit(value);
            return this;
        }

        /** Hears each {@link Step} start and finish; byte progress is the source driver's monitor's business. */
        public Builder listener(LiveMigrationListener value) {
            this.options = options.withListener(value);
            return this;
        }

        /** Abort the migration when it has not ended after {@code value}; none by default. */
        public Builder timeout(Duration value) {
            this.options = options.withTimeout(value);
            return this;
        }

        /** Where each step is recorded for {@link MigrationRecovery}; none by default. */
        public Builder journal(MigrationJournal value) {
            this.journal = Objects.requireNonNull(value, "journal");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How the handle waits between retries of abort/force-complete; {@link Thread#sleep} by default. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** Where {@link #start} runs the migration; a new daemon thread per migration by default. */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * Where the migration's duration, outcome and decisions are recorded; {@link MigrationMetrics#none()} by
         * default, {@link MigrationMetrics#micrometer} for a Micrometer registry.
         */
        public Builder metrics(MigrationMetrics value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        public LiveMigrationTask build() {
            return new LiveMigrationTask(this, destination);
        }

        /**
         * Tasks from this builder's source with its settings as they are now (later calls on the builder do not
         * change them), each to the destination it is given; the builder's own destination is not used.
         */
        public Function<ComputeDriver, LiveMigrationTask> perDestination() {
            // a copy no caller holds, so the tasks' settings cannot change under them
            Builder settings = new Builder(source, null).options(options).journal(journal).clock(clock)
                    .sleeper(sleeper).metrics(metrics).executor(executor);
            return to -> new LiveMigrationTask(settings, to);
        }
    }
}
