package dev.novalibvirt.migration.task;

import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.PowerState;
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
     * The guest is on the source and the destination is clean (domain and instance dir gone). It runs there as before
     * unless {@code powerState} says otherwise: a source QEMU that died during the job (killed, crashed, or stopped by
     * a source libvirtd that could not reattach to it after a restart) leaves the guest defined there but shut off,
     * and rollback does not boot it (neither does Nova's {@code _rollback_live_migration}); {@code remedy} then says
     * what the embedder must do, on which host, and why.
     *
     * @param status     Nova's migration status: failed, cancelled, or error when the job never started
     * @param powerState Nova's {@code power_state} of the guest on {@code host}, read after the rollback
     *                   ({@code NOSTATE} when it could not be read)
     * @param remedy     empty when the guest is as it was before the migration; else the step, e.g.
     *                   {@code "start the guest on host-a: ..."} with why
     */
    record RolledBack(String host, MigrationStatus status, PowerState powerState, String remedy)
            implements LiveMigrationOutcome {
        public RolledBack {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(powerState, "powerState");
            remedy = remedy == null ? "" : remedy;
        }

        /** The remedy of a rollback whose guest state nobody read. */
        public static final String STATE_NOT_READ = "find the guest: its state was not read after the rollback";

        /**
         * Rolled back to {@code host}, the guest's state not read (a caller that learnt only the host and the
         * status, e.g. from a report line): {@code NOSTATE}, and not {@link #asBefore()}, since nobody saw it.
         */
        public RolledBack(String host, MigrationStatus status) {
            this(host, status, PowerState.NOSTATE, STATE_NOT_READ);
        }

        /** The guest is on {@code host} as it was before the migration (running, or paused by its user). */
        public boolean asBefore() {
            return remedy.isEmpty();
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
