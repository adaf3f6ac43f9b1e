package dev.novalibvirt.migration.drain;

import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import java.util.Objects;

/** How one guest of a drain ended: its task's result, the refusal it threw, or not started at all. */
public sealed interface GuestOutcome {

    GuestState state();

    /** The task ran to its end; {@link LiveMigrationResult#outcome()} says where the guest is. */
    record Migrated(LiveMigrationResult result) implements GuestOutcome {
        public Migrated {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public GuestState state() {
            return switch (result.outcome().kind()) {
                case COMPLETED -> GuestState.COMPLETED;
                case ROLLED_BACK -> GuestState.ROLLED_BACK;
                case NEEDS_RECOVERY -> GuestState.NEEDS_RECOVERY;
            };
        }

        public LiveMigrationOutcome outcome() {
            return result.outcome();
        }
    }

    /**
     * Nothing moved: the typed exception the task threw (a pre-check's refusal, a pre_live_migration failure) or
     * {@link dev.novalibvirt.core.exception.MigrationPreCheckError} when no destination fitted.
     */
    record Refused(NovaException refusal) implements GuestOutcome {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }

        @Override
        public GuestState state() {
            return GuestState.REFUSED;
        }
    }

    /** Not started: the drain was aborted while the guest was queued (Nova's queued migration, cancelled). */
    record Skipped(String reason) implements GuestOutcome {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public GuestState state() {
            return GuestState.SKIPPED;
        }
    }
}
