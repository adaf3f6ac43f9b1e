package dev.novalibvirt.migration.evacuate;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How an evacuation ended: one result per guest, in the order given. One guest's refusal or failure is its own
 * result, never the evacuation's exception.
 *
 * @param source        the dead host
 * @param fenceEntries  the fence entries this evacuation added (empty when the host was fenced already)
 * @param alreadyFenced whether the host was fenced before this evacuation began
 * @param guests        every guest's end, in the order given
 * @param total         wall time from the fence to the last guest's end (the evacuation's clock)
 */
public record EvacuationResult(String source, List<String> fenceEntries, boolean alreadyFenced,
                               List<GuestEvacuation> guests, Duration total) {
    public EvacuationResult {
        fenceEntries = List.copyOf(fenceEntries);
        guests = List.copyOf(guests);
    }

    /** Guests per state, every state present. */
    public Map<EvacuationState, Integer> counts() {
        Map<EvacuationState, Integer> counts = new EnumMap<>(EvacuationState.class);
        for (EvacuationState s : EvacuationState.values()) {
            counts.put(s, 0);
        }
        guests.forEach(g -> counts.merge(g.state(), 1, Integer::sum));
        return counts;
    }

    public int count(EvacuationState state) {
        return counts().get(state);
    }

    /** Every guest runs on a destination now. */
    public boolean allRebuilt() {
        return guests.stream().allMatch(g -> g.state() == EvacuationState.REBUILT);
    }

    public Optional<GuestEvacuation> guest(String uuid) {
        return guests.stream().filter(g -> g.uuid().equals(uuid)).findFirst();
    }
}
