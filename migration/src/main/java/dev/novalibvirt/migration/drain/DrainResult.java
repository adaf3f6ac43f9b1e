package dev.novalibvirt.migration.drain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a drain ended: one result per guest, in the order given. One guest's failure is its own result, never an
 * exception of the drain.
 *
 * @param source  the drained host
 * @param guests  every guest's end, in the order given
 * @param aborted whether {@link DrainHandle#abort()} was called
 * @param total   wall time from start to the last guest's end (the drain's clock)
 */
public record DrainResult(String source, List<GuestResult> guests, boolean aborted, Duration total) {
    public DrainResult {
        guests = List.copyOf(guests);
    }

    /** Guests per final state, every state present. */
    public Map<GuestState, Integer> counts() {
        return StateCounts.of(guests, GuestResult::state);
    }

    public int count(GuestState state) {
        return counts().get(state);
    }

    /** Every guest runs on a destination now. */
    public boolean allCompleted() {
        return guests.stream().allMatch(g -> g.state() == GuestState.COMPLETED);
    }

    public Optional<GuestResult> guest(String uuid) {
        return guests.stream().filter(g -> g.uuid().equals(uuid)).findFirst();
    }
}
