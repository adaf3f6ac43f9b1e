package dev.novalibvirt.conformance.guest;

/**
 * Where the busy guest's two counters stood at one look at its serial stream ({@code GuestLog}).
 *
 * @param heartbeat   the last {@code hb=<n>} line's number, -1 before the first
 * @param diskCounter the last counter written to the RBD disk and read back correctly ({@code io=<n> OK}), -1
 *                    before the first
 */
public record GuestCounters(long heartbeat, long diskCounter) {

    /** Both counters moved on since {@code earlier}. */
    public boolean bothAfter(GuestCounters earlier) {
        return heartbeat > earlier.heartbeat && diskCounter > earlier.diskCounter;
    }
}
