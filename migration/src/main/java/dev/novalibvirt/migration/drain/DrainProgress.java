package dev.novalibvirt.migration.drain;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of a running drain: every guest in the drain's order, and how many are in each state.
 *
 * <p>No aggregate of bytes remaining: a task's {@code MigrationProgress} reports its phase and steps, not bytes;
 * the bytes are the source driver's monitor's events ({@code MigrationListener}), which an embedder that wants
 * them sums from there.
 *
 * @param guests every guest, in the order given
 * @param counts guests per state, every state present
 */
public record DrainProgress(List<GuestProgress> guests, Map<GuestState, Integer> counts) {
    public DrainProgress {
        guests = List.copyOf(guests);
        counts = Map.copyOf(counts);
    }

    static DrainProgress of(List<GuestProgress> guests) {
        return new DrainProgress(guests, StateCounts.of(guests, GuestProgress::state));
    }

    public int count(GuestState state) {
        return counts.getOrDefault(state, 0);
    }

    /** Every guest has reached a final state. */
    public boolean done() {
        return guests.stream().allMatch(g -> g.state().isFinal());
    }
}
