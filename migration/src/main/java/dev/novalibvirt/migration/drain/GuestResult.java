package dev.novalibvirt.migration.drain;

import java.util.Objects;

/**
 * One guest's end in a drain.
 *
 * @param uuid        the instance's uuid
 * @param destination the host it was sent to, or null when it was not started or no destination fitted
 * @param outcome     how it ended
 */
public record GuestResult(String uuid, String destination, GuestOutcome outcome) {
    public GuestResult {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(outcome, "outcome");
    }

    public GuestState state() {
        return outcome.state();
    }
}
