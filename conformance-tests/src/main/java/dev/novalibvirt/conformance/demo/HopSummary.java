package dev.novalibvirt.conformance.demo;

import dev.novalibvirt.cli.output.Table;
import dev.novalibvirt.cli.progress.Units;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;

/** How the demo words its hops: the guest's counters across one, and the table and totals of all of them. */
final class HopSummary {
    private HopSummary() {
    }

    /**
     * The guest's counters across {@code hop}, as phrases: {@code hb 12 -> 15}, {@code io 11 -> 14 OK},
     * {@code no gap}; or what the serial stream showed wrong instead of the last; or that the guest did not move.
     */
    static List<String> continuity(HopRecord hop) {
        if (!hop.completed()) {
            return List.of("not migrated: " + hop.outcome());
        }
        List<String> phrases = new ArrayList<>();
        phrases.add("hb " + counter(hop.before().heartbeat()) + " -> " + counter(hop.after().heartbeat()));
        phrases.add("io " + counter(hop.before().diskCounter()) + " -> " + counter(hop.after().diskCounter())
                + (hop.serialProblems().isEmpty() ? " OK" : ""));
        if (hop.serialProblems().isEmpty()) {
            phrases.add("no gap");
        } else {
            hop.serialProblems().forEach(p -> phrases.add("PROBLEM: " + p));
        }
        return phrases;
    }

    /** One row per hop: its route, times, downtime, counters and the verdicts of the checks after it. */
    static String table(List<HopRecord> hops) {
        Table t = Table.of("hop", "route", "took", "live_migration", "downtime", "heartbeat", "disk counter",
                "serial", "hosts + RBD");
        for (HopRecord h : hops) {
            t.row(h.number(), h.route(), Units.duration(h.took()), Units.duration(h.liveMigration()),
                    downtime(h.downtimeMs()),
                    counter(h.before().heartbeat()) + " -> " + counter(h.after().heartbeat()),
                    counter(h.before().diskCounter()) + " -> " + counter(h.after().diskCounter()),
                    !h.completed() ? "-" : h.serialProblems().isEmpty() ? "no gap" : "PROBLEM",
                    !h.completed() ? "-" : h.placeProblems().isEmpty() ? "OK" : "WRONG");
        }
        return t.render();
    }

    /**
     * {@code 4/4 hops OK, 11.8 s in all, downtime 35-48 ms; heartbeat 5 -> 21, disk counter 4 -> 20}: what the
     * hops add up to (the downtimes libvirt gave, the counters from the first hop's start to the last hop's end).
     */
    static String totals(List<HopRecord> hops, int wanted) {
        long ok = hops.stream().filter(HopRecord::ok).count();
        Duration took = hops.stream().map(HopRecord::took).reduce(Duration.ZERO, Duration::plus);
        LongSummaryStatistics downtime = hops.stream().mapToLong(HopRecord::downtimeMs).filter(d -> d >= 0)
                .summaryStatistics();
        StringBuilder s = new StringBuilder().append(ok).append('/').append(wanted).append(" hops OK, ")
                .append(Units.duration(took)).append(" in all");
        if (downtime.getCount() > 0) {
            s.append(", downtime ").append(downtime.getMin() == downtime.getMax() ? downtime.getMin() + " ms"
                    : downtime.getMin() + "-" + downtime.getMax() + " ms");
        }
        if (!hops.isEmpty()) {
            HopRecord first = hops.get(0);
            HopRecord last = hops.get(hops.size() - 1);
            s.append("; heartbeat ").append(counter(first.before().heartbeat())).append(" -> ")
                    .append(counter(last.after().heartbeat())).append(", disk counter ")
                    .append(counter(first.before().diskCounter())).append(" -> ")
                    .append(counter(last.after().diskCounter()));
        }
        return s.toString();
    }

    /** {@code 41 ms}; {@code ?} when libvirt gave none. */
    static String downtime(long ms) {
        return ms < 0 ? "?" : ms + " ms";
    }

    /** A counter; {@code ?} before the guest printed one. */
    private static String counter(long value) {
        return value < 0 ? "?" : Long.toString(value);
    }
}
