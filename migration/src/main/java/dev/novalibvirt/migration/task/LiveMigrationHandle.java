package dev.novalibvirt.migration.task;

import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.migration.metrics.MigrationMetrics;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A started {@link LiveMigrationTask}: what it is doing, Nova's abort and force-complete, and its result.
 *
 * <p>Abort follows Nova's {@code live_migration_abort}: while the task is still checking or preparing the migration
 * is cancelled without libvirt (the result is ROLLED_BACK, cancelled; anything pre_live_migration made is rolled
 * back); while libvirt's job runs the source driver aborts it ({@code virDomainAbortJob}); afterwards it is
 * {@link dev.novalibvirt.core.exception.InvalidMigrationState}. Force-complete (Nova's
 * {@code live_migration_force_complete}) is only for a running job: the source driver switches to post-copy or
 * pauses the guest.
 */
public final class LiveMigrationHandle {
    private final String migrationId;
    private final TaskControl control;
    private final CompletableFuture<LiveMigrationResult> result;

    LiveMigrationHandle(String migrationId, TaskControl control, CompletableFuture<LiveMigrationResult> result) {
        this.migrationId = migrationId;
        this.control = control;
        this.result = result;
    }

    /** The id the journal's records of this migration carry. */
    public String migrationId() {
        return migrationId;
    }

    public MigrationProgress progress() {
        return control.progress();
    }

    /** @throws dev.novalibvirt.core.exception.InvalidMigrationState when the job has ended already */
    public void abort() {
        control.abort(MigrationMetrics.Decision.ABORT);
    }

    /** @throws dev.novalibvirt.core.exception.InvalidMigrationState when no job runs (not yet, or no longer) */
    public void forceComplete() {
        control.forceComplete();
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** The result, as a future (completed exceptionally with a pre-check's refusal). */
    public CompletableFuture<LiveMigrationResult> future() {
        return result.copy();
    }

    /**
     * Waits for the end.
     *
     * @throws NovaException the pre-check refusal or pre_live_migration failure, as thrown
     */
    public LiveMigrationResult await() {
        try {
            return result.join();
        } catch (CompletionException | CancellationException e) {
            throw unwrap(e);
        }
    }

    /** Waits at most {@code timeout}; empty when the migration is still running. */
    public Optional<LiveMigrationResult> await(Duration timeout) {
        try {
            return Optional.of(result.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw unwrap(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NovaException("interrupted while waiting for migration " + migrationId);
        }
    }

    private static RuntimeException unwrap(Exception e) {
        Throwable c = e.getCause() != null ? e.getCause() : e;
        if (c instanceof RuntimeException r) {
            return r;
        }
        return new NovaException("migration task failed: " + c, c);
    }
}
