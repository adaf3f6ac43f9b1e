package dev.novalibvirt.migration.task;

import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.InvalidMigrationState;
import dev.novalibvirt.core.exception.NoActiveMigrationForInstance;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.migration.logging.MigrationMdc;
import dev.novalibvirt.migration.metrics.MigrationMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the task's thread and its handle's callers share: the phase, the step running, the reports so far and the
 * requests made. Abort and force-complete follow Nova's manager: before the job runs an abort cancels the
 * migration without touching libvirt (the task stops at the next step boundary); while it runs both go to the
 * source driver; afterwards they are {@link InvalidMigrationState}. A request accepted is counted as a decision, and
 * it logs with the migration's MDC, on whichever thread the caller made it.
 */
final class TaskControl {
    /** How long a request waits for the source driver to register a migration the task has just handed it. */
    static final Duration REGISTRATION_WAIT = Duration.ofSeconds(5);
    private static final Duration RETRY = Duration.ofMillis(20);

    private final ComputeDriver source;
    private final Instance instance;
    private final Sleeper sleeper;
    private final String migrationId;
    private final MigrationMetrics metrics;
    private final List<StepReport> reports = new ArrayList<>();
    private Phase phase = Phase.CHECKING;
    private Step current;
    private boolean abortRequested;

    TaskControl(ComputeDriver source, Instance instance, Sleeper sleeper, String migrationId,
                MigrationMetrics metrics) {
        this.source = source;
        this.instance = instance;
        this.sleeper = sleeper;
        this.migrationId = migrationId;
        this.metrics = metrics;
    }

    synchronized void enter(Phase p) {
        phase = p;
    }

    synchronized Phase phase() {
        return phase;
    }

    synchronized void stepStarted(Step step) {
        current = step;
    }

    synchronized void stepFinished(StepReport report) {
        current = null;
        reports.add(report);
    }

    synchronized List<StepReport> reports() {
        return List.copyOf(reports);
    }

    synchronized MigrationProgress progress() {
        return new MigrationProgress(phase, current, reports);
    }

    /** An abort arrived before the job ran: the task must not start it. */
    synchronized boolean abortRequested() {
        return abortRequested;
    }

    /** Nova's {@code live_migration_abort}, counted as {@code why} (a caller's abort or the task's deadline). */
    void abort(MigrationMetrics.Decision why) {
        MigrationMdc.run(instance.uuid(), migrationId, () -> {
            boolean early;
            synchronized (this) {
                early = phase == Phase.CHECKING || phase == Phase.PREPARING;
                if (early) {
                    abortRequested = true; // Nova's queued/preparing abort: cancelled without the driver
                }
            }
            if (!early) {
                toRunningMigration("abort", source::liveMigrationAbort);
            }
            metrics.decision(source.host(), why);
        });
    }

    /** Nova's {@code live_migration_force_complete}: only a running migration can be forced. */
    void forceComplete() {
        MigrationMdc.run(instance.uuid(), migrationId, () -> {
            toRunningMigration("force-complete", source::liveMigrationForceComplete);
            metrics.decision(source.host(), MigrationMetrics.Decision.FORCE_COMPLETE);
        });
    }

    /**
     * Hands the request to the source driver while the job runs. Between the task entering MIGRATING and the driver
     * registering the migration the driver answers NoActiveMigrationForInstance; that answer is retried briefly
     * instead of being passed on (the race OwnDestinationIT used to paper over with its own retry loop).
     */
    private void toRunningMigration(String what, Consumer<Instance> call) {
        long waitedMs = 0;
        while (true) {
            synchronized (this) {
                if (phase != Phase.MIGRATING) {
                    throw new InvalidMigrationState("cannot " + what + " the live migration of " + instance.uuid()
                            + ": it is " + phase.name().toLowerCase(java.util.Locale.ROOT) + ", not running");
                }
            }
            try {
                call.accept(instance);
                return;
            } catch (NoActiveMigrationForInstance e) {
                if (waitedMs >= REGISTRATION_WAIT.toMillis()) {
                    throw e;
                }
            }
            try {
                sleeper.sleep(RETRY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NovaException("interrupted while handing " + what + " to " + source.host());
            }
            waitedMs += RETRY.toMillis();
        }
    }
}
