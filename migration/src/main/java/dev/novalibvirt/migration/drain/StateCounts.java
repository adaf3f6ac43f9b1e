package dev.novalibvirt.migration.drain;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** Guests by {@link GuestState}, every state present (0 when none). */
final class StateCounts {
    private StateCounts() {
    }

    static <T> Map<GuestState, Integer> of(Collection<T> items, Function<T, GuestState> state) {
        EnumMap<GuestState, Integer> counts = new EnumMap<>(GuestState.class);
        for (GuestState s : GuestState.values()) {
            counts.put(s, 0);
        }
        items.forEach(i -> counts.merge(state.apply(i), 1, Integer::sum));
        return Map.copyOf(counts);
    }
}
