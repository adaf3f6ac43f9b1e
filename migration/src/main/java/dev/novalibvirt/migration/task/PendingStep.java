package dev.novalibvirt.migration.task;

import java.util.Objects;

/**
 * A step that did not run to its end; recovery ({@link MigrationRecovery}) runs it again.
 *
 * @param step   which step
 * @param host   the host it belongs to
 * @param reason why it did not run (the error, or the decision that held it back)
 */
public record PendingStep(Step step, String host, String reason) {
    public PendingStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(reason, "reason");
    }
}
