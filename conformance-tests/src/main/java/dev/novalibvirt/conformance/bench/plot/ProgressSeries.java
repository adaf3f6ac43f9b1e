package dev.novalibvirt.conformance.bench.plot;

import dev.novalibvirt.migration.monitor.MigrationEvent;
import java.util.ArrayList;
import java.util.List;

/** The benches' measurements as chart lines: a migration's remaining memory, a drain's guests done. */
public final class ProgressSeries {
    private static final double MIB = 1024.0 * 1024.0;

    private ProgressSeries() {
    }

    /**
     * Remaining memory (MiB) over the job's elapsed time (s), one point per monitor progress event, as the
     * monitor reports them ({@code memory_remaining} of libvirt's job statistics).
     */
    public static Series remainingMemory(String label, List<MigrationEvent.Progress> events) {
        List<Series.Point> points = new ArrayList<>();
        for (MigrationEvent.Progress p : events) {
            points.add(new Series.Point(p.elapsedMs() / 1000.0, p.memoryRemaining() / MIB));
        }
        return new Series(label, points);
    }

    /**
     * Remaining memory (MiB) from samples taken outside the monitor (a virsh case polled with
     * {@code virDomainGetJobInfo}): {@code samples} are {@code {elapsed seconds, remaining bytes}} pairs.
     */
    public static Series remainingMemorySamples(String label, List<double[]> samples) {
        return new Series(label, samples.stream().map(s -> new Series.Point(s[0], s[1] / MIB)).toList());
    }

    /**
     * Guests done over time: a step from 0 at the start up by one at each guest's end ({@code endSeconds}, seconds
     * since the drain began, in any order).
     */
    public static Series guestsDone(String label, List<Double> endSeconds) {
        List<Double> ends = endSeconds.stream().sorted().toList();
        List<Series.Point> points = new ArrayList<>();
        points.add(new Series.Point(0, 0));
        for (int i = 0; i < ends.size(); i++) {
            points.add(new Series.Point(ends.get(i), i));
            points.add(new Series.Point(ends.get(i), i + 1));
        }
        return new Series(label, points);
    }
}
