package dev.novalibvirt.migration.evacuate;

import java.util.Objects;

/**
 * One guest's end in an evacuation.
 *
 * @param uuid        the instance's uuid
 * @param name        its domain name
 * @param destination where it was rebuilt (or was to be), null when no destination was chosen
 * @param outcome     how it ended
 */
public record GuestEvacuation(String uuid, String name, String destination, EvacuationOutcome outcome) {
    public GuestEvacuation {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
    }

    public EvacuationState state() {
        return outcome.state();
    }
}
