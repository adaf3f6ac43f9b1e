package dev.novalibvirt.migration.drain;

import dev.novalibvirt.core.exception.NovaException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A started {@link HostDrain}: progress per guest and in all, abort of the whole drain, and its result.
 *
 * <p>Abort: guests still queued are never started and end {@link GuestState#SKIPPED}; each running one gets Nova's
 * {@code live_migration_abort} through its {@code LiveMigrationHandle} (cancelled without libvirt while it is in
 * its checks or pre_live_migration, {@code virDomainAbortJob} while libvirt's job runs, nothing once it is in its
 * post or rollback steps: that one ends as it ends). The aborted ones are rolled back by their tasks.
 */
public final class DrainHandle {
    private final DrainRun run;

    DrainHandle(DrainRun run) {
        this.run = run;
    }

    public DrainProgress progress() {
        return run.progress();
    }

    /**
     * Aborts the drain; returns once every running migration has been asked to abort (a request can wait a few
     * seconds for the source driver to register a job that has just started). Calling it again is harmless.
     */
    public void abort() {
        run.abort();
    }

    public boolean isDone() {
        return run.done().isDone();
    }

    /** The result as a future; it never completes exceptionally for one guest's failure. */
    public CompletableFuture<DrainResult> future() {
        return run.done().copy();
    }

    /** Waits for every guest's end. */
    public DrainResult await() {
        return run.done().join();
    }

    /** Waits at most {@code timeout}; empty when some guest has not ended yet. */
    public Optional<DrainResult> await(Duration timeout) {
        try {
            return Optional.of(run.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new NovaException("drain failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NovaException("interrupted while waiting for a drain");
        }
    }
}
