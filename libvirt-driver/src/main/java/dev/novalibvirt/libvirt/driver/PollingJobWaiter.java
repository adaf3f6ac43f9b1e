package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.host.JobState;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A minimal {@link MigrationJobWaiter}: polls libvirt's job state every 0.5 s, like Nova's monitor loop (but
 * re-polls at once when the migration call returns), with
 * Nova's rule for a job that reads NONE once the operation is done ({@code find_job_type}): the guest still active
 * on the source means the migration failed, gone or inactive means it completed.
 */
public final class PollingJobWaiter implements MigrationJobWaiter {
    private final Duration interval;

    public PollingJobWaiter() {
        this(Duration.ofMillis(500));
    }

    public PollingJobWaiter(Duration interval) {
        this.interval = interval;
    }

    @Override
    public JobState awaitOutcome(Instance instance, Guest guest, Future<?> operation) {
        while (true) {
            JobState state = guest.jobState();
            switch (state) {
                case COMPLETED:
                case FAILED:
                case CANCELLED:
                    return state;
                case NONE:
                    if (operation.isDone()) {
                        return jobTypeAfterOperation(guest);
                    }
                    break;
                default:
                    break;
            }
            // Sleep until the next poll, but wake as soon as libvirt's migration call returns: the job has then
            // ended, and noticing it a poll interval late would only add to the migration's wall time.
            try {
                operation.get(interval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException | CancellationException e) {
                // timeout: poll again; an error of the operation is judged by the job state, not here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return JobState.FAILED;
            }
        }
    }

    /** Nova's {@code find_job_type}. */
    static JobState jobTypeAfterOperation(Guest guest) {
        try {
            return guest.isActive() ? JobState.FAILED : JobState.COMPLETED;
        } catch (InstanceNotFound e) {
            return JobState.COMPLETED;
        } catch (RuntimeException e) {
            return JobState.FAILED;
        }
    }
}
