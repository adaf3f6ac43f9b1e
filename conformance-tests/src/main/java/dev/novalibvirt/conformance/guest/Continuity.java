package dev.novalibvirt.conformance.guest;

import java.util.List;

/**
 * The busy guest's serial stream across one hop, as {@link BusyConsole#goesOn} saw it.
 *
 * @param handOver the counters when the destination's console.log was taken up (the source's read to its end)
 * @param after    the counters once both had moved on there, or where they stood when the wait ended
 * @param problems what was wrong: counters that did not move on in time, a gap, a step back, a disk error, a second
 *                 boot, an unreadable console.log; empty when nothing was
 */
public record Continuity(GuestCounters handOver, GuestCounters after, List<String> problems) {
    public Continuity {
        problems = List.copyOf(problems);
    }

    /** Nothing was wrong. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
