package dev.novalibvirt.conformance.demo;

import dev.novalibvirt.conformance.guest.GuestCounters;
import java.time.Duration;
import java.util.List;

/**
 * One hop of the demo as it ended and was checked.
 *
 * @param number         1 for the first hop
 * @param from           the source host's letter ({@code a}, {@code b})
 * @param to             the destination host's letter
 * @param completed      the task completed the migration
 * @param outcome        the task's outcome in a few words ({@code COMPLETED}, or what failed)
 * @param took           the whole hop through the contract, every step
 * @param liveMigration  the {@code live_migration} step (migrateToURI3 and libvirt's job); zero when it did not run
 * @param downtimeMs     libvirt's measured downtime of the completed job, ms; -1 when libvirt gave none
 * @param before         the guest's heartbeat and disk counter as the hop started, on the source
 * @param after          both after the hop, on the destination
 * @param serialProblems what the guest's serial stream showed wrong (a gap, a step back, a disk error, a second
 *                       boot, counters that did not go on)
 * @param placeProblems  what virsh, the instance dirs or the RBD image id showed wrong
 */
public record HopRecord(int number, String from, String to, boolean completed, String outcome, Duration took,
                        Duration liveMigration, long downtimeMs, GuestCounters before, GuestCounters after,
                        List<String> serialProblems, List<String> placeProblems) {
    public HopRecord {
        serialProblems = List.copyOf(serialProblems);
        placeProblems = List.copyOf(placeProblems);
    }

    /** The hop completed and every check after it passed. */
    public boolean ok() {
        return completed && serialProblems.isEmpty() && placeProblems.isEmpty();
    }

    /** {@code a -> b}. */
    public String route() {
        return from + " -> " + to;
    }
}
