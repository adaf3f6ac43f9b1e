package dev.novalibvirt.migration.task;

import dev.novalibvirt.core.driver.MigrationStatus;
import java.util.List;
import java.util.Objects;

/**
 * Where a started migration left the guest. Once {@code pre_live_migration} has run, the task reports one of these
 * instead of throwing: every host-side step that failed is in {@link NeedsRecovery#pending()}.
 */
public sealed interface LiveMigrationOutcome {

    /** The three kinds, for a switch. */
    enum Kind { COMPLETED, ROLLED_BACK, NEEDS_RECOVERY }

    Kind kind();

    /** The host that has the guest now (for NEEDS_RECOVERY: the one that had it last, as far as is known). */
    String host();

    /** The guest runs on the destination; every post step ran. */
    record Completed(String host) implements LiveMigrationOutcome {
        public Completed {
            Objects.requireNonNull(host, "host");
        }

        @Override
        public Kind kind() {
            return Kind.COMPLETED;
        }
    }

    /**
     * The guest runs on the source and the destination is clean (domain and instance dir gone).
     *
     * @param status Nova's migration status: failed, cancelled, or error when the job never started
     */
    record RolledBack(String host, MigrationStatus status) implements LiveMigrationOutcome {
        public RolledBack {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(status, "status");
        }

        @Override
        public Kind kind() {
            return Kind.ROLLED_BACK;
        }
    }

    /**
     * Something is left to do: a step could not reach its host, or where the guest runs could not be told.
     *
     * @param host    the host that last had the guest, as far as is known
     * @param pending the steps that did not run, and why
     */
    record NeedsRecovery(String host, List<PendingStep> pending) implements LiveMigrationOutcome {
        public NeedsRecovery {
            Objects.requireNonNull(host, "host");
            pending = List.copyOf(pending);
        }

        @Override
        public Kind kind() {
            return Kind.NEEDS_RECOVERY;
        }
    }
}
