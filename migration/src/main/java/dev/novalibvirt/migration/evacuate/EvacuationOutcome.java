package dev.novalibvirt.migration.evacuate;

import dev.novalibvirt.core.exception.NovaException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** How one guest's rebuild ended: rebuilt, refused before anything was done, or failed in the destination's spawn. */
public sealed interface EvacuationOutcome {

    EvacuationState state();

    /**
     * It runs on {@code destination}.
     *
     * @param destination   where it runs
     * @param took          the rebuild's time (zero when an earlier run did it)
     * @param earlierRun    whether the journal showed it rebuilt (or being rebuilt) by an earlier, interrupted run
     * @param fencedHolders the disk holders the storage check ignored because they are fenced
     */
    record Rebuilt(String destination, Duration took, boolean earlierRun, List<String> fencedHolders)
            implements EvacuationOutcome {
        public Rebuilt {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(took, "took");
            fencedHolders = List.copyOf(fencedHolders);
        }

        @Override
        public EvacuationState state() {
            return EvacuationState.REBUILT;
        }
    }

    /**
     * Nothing was done for this guest: the typed refusal ({@code DiskInUse}, {@code DiskNotFound},
     * {@code InstanceExists} on the destination, {@code MigrationPreCheckError} when no destination fits).
     */
    record Refused(NovaException refusal) implements EvacuationOutcome {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }

        @Override
        public EvacuationState state() {
            return EvacuationState.REFUSED;
        }
    }

    /** The destination's spawn threw; it undid what it had created (never the shared disk). */
    record Failed(String destination, NovaException error) implements EvacuationOutcome {
        public Failed {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public EvacuationState state() {
            return EvacuationState.FAILED;
        }
    }
}
