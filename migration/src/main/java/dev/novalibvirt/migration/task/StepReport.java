package dev.novalibvirt.migration.task;

import java.time.Duration;

/**
 * One finished step.
 *
 * @param step     which step
 * @param host     the host it ran on (the conductor's steps name the source)
 * @param duration wall time of the step
 * @param error    null when the step succeeded, else the exception's class and message
 */
public record StepReport(Step step, String host, Duration duration, String error) {
    public boolean succeeded() {
        return error == null;
    }
}
