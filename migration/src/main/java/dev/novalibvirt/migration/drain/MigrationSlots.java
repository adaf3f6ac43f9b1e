package dev.novalibvirt.migration.drain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The running migrations the {@link DrainCaps} are checked against: per source, per destination and in all. One
 * instance is the "cluster": drains that share it share its per-cluster cap (KubeVirt's
 * {@code parallelMigrationsPerCluster}), and two drains of one host share its per-source cap as Nova's source
 * compute shares its one executor. A drain made without one gets its own, so the per-cluster cap then bounds that
 * drain alone.
 *
 * <p>Thread-safe. It also keeps the highest counts it saw ({@link #peakRunning()}, {@link #peakOutbound}), the
 * figures a drain benchmark reports.
 */
public final class MigrationSlots {
    private final DrainCaps caps;
    private final Map<String, Integer> outbound = new HashMap<>();
    private final Map<String, Integer> inbound = new HashMap<>();
    private final Map<String, Integer> peakOutbound = new HashMap<>();
    private int running;
    private int peakRunning;

    private MigrationSlots(DrainCaps caps) {
        this.caps = Objects.requireNonNull(caps, "caps");
    }

    /** Slots under {@code caps}, none taken. */
    public static MigrationSlots create(DrainCaps caps) {
        return new MigrationSlots(caps);
    }

    public DrainCaps caps() {
        return caps;
    }

    /** Migrations running now, across every drain that shares these slots. */
    public synchronized int running() {
        return running;
    }

    /** The most that ever ran at once. */
    public synchronized int peakRunning() {
        return peakRunning;
    }

    /** The most that ever left {@code source} at once. */
    public synchronized int peakOutbound(String source) {
        return peakOutbound.getOrDefault(source, 0);
    }

    /** Migrations running into {@code host} now. */
    public synchronized int inbound(String host) {
        return inbound.getOrDefault(host, 0);
    }

    /** What {@link #reserve} ended with: a destination, none fitting, or the caller stopped waiting. */
    record Reservation(String destination, String noneFits, boolean stopped) {
        static Reservation of(String destination) {
            return new Reservation(destination, null, false);
        }

        static Reservation none(String why) {
            return new Reservation(null, why, false);
        }

        static Reservation stop() {
            return new Reservation(null, null, true);
        }
    }

    /**
     * Waits until {@code source} and the cluster have room and at least one of {@code destinations} has inbound room,
     * then asks {@code choose} (with the lock held) among those with room and takes the slots of its pick.
     *
     * @param choose  the destinations with room, in the order given, to the chosen one; empty when none fits
     * @param stopped checked before every wait; true ends the wait with {@link Reservation#stop()}
     */
    synchronized Reservation reserve(String source, List<String> destinations,
                                     Function<List<String>, Optional<String>> choose, BooleanSupplier stopped)
            throws InterruptedException {
        while (true) {
            if (stopped.getAsBoolean()) {
                return Reservation.stop();
            }
            List<String> withRoom = new ArrayList<>();
            if (below(outbound.getOrDefault(source, 0), caps.maxPerSource()) && below(running, caps.maxPerCluster())) {
                for (String d : destinations) {
                    if (below(inbound.getOrDefault(d, 0), caps.maxInboundPerDestination())) {
                        withRoom.add(d);
                    }
                }
            }
            if (!withRoom.isEmpty()) {
                Optional<String> pick = choose.apply(List.copyOf(withRoom));
                if (pick.isEmpty()) {
                    return Reservation.none("no destination fits (candidates with room: " + withRoom + ")");
                }
                if (!withRoom.contains(pick.get())) {
                    return Reservation.none("the destination chooser picked " + pick.get()
                            + ", which is not one of the candidates with room " + withRoom);
                }
                take(source, pick.get());
                return Reservation.of(pick.get());
            }
            wait();
        }
    }

    private void take(String source, String destination) {
        running++;
        int out = outbound.merge(source, 1, Integer::sum);
        inbound.merge(destination, 1, Integer::sum);
        peakRunning = Math.max(peakRunning, running);
        peakOutbound.merge(source, out, Math::max);
    }

    /** A migration from {@code source} to {@code destination} ended; wakes every waiting drain. */
    synchronized void release(String source, String destination) {
        running--;
        outbound.merge(source, -1, Integer::sum);
        inbound.merge(destination, -1, Integer::sum);
        notifyAll();
    }

    /** Wakes every waiting drain so that it looks at its stop condition again (an abort). */
    synchronized void wakeAll() {
        notifyAll();
    }

    private static boolean below(int count, int cap) {
        return cap == 0 || count < cap;
    }
}
