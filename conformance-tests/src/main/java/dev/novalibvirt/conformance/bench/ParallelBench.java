package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.bench.plot.BenchPlots;
import dev.novalibvirt.conformance.bench.plot.Chart;
import dev.novalibvirt.conformance.bench.plot.Series;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.monitor.BusyGuestLab;
import dev.novalibvirt.libvirt.jna.LibvirtEventLoop;
import dev.novalibvirt.migration.monitor.MigrationFeatures;
import dev.novalibvirt.migration.monitor.MonitorSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.libvirt.Connect;

/**
 * {@code ./lab bench parallel}: Nova's {@code live_migration_parallel_connections} measured. One uncapped guest
 * (TCG, {@code -Dparallel.memMb}, 4096 MiB by default) migrated with 1, 2 and 4 connections
 * ({@code -Dparallel.connections=1,2,4}): idle, then busy (re-dirtying {@code -Dparallel.dirtyMb}, 1024 MiB, flat out) in plain
 * pre-copy, then busy with post-copy permitted and our convergence policy on (the dirty rate measured at the start
 * switches it at once). Post-copy runs with one connection only: NovaConfig refuses post-copy with parallel
 * connections (Nova needs QEMU 10.1 for it), and {@code -Dparallel.postcopyMultifd=true} shows why: QEMU 7.2 lets
 * the switch happen and the guest dies on the destination (row "broken": completed, no heartbeat). A case not done after {@code -Dparallel.limit} (60 s) is aborted; {@code -Dparallel.runs}
 * (1) repeats every case. Hops alternate between host-a and host-b.
 * Last line: {@code RESULT parallel <case>_s=... <case>_downtime_ms=... <case>_MiBps=... ... default_connections=N}.
 */
public final class ParallelBench {
    private ParallelBench() {
    }

    /** One case: a guest kind, a connection count, post-copy or not. */
    record Case(String kind, int connections, boolean postCopy) {
        String key() {
            return kind + (postCopy ? "_postcopy" : "") + "_c" + connections;
        }

        String label() {
            return kind + (postCopy ? " + post-copy (policy)" : " pre-copy") + ", " + connections
                    + (connections == 1 ? " connection" : " connections");
        }
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        long memMb = Long.getLong("parallel.memMb", 4096);
        long dirtyMb = Long.getLong("parallel.dirtyMb", 1024);
        long limitS = Long.getLong("parallel.limit", 60);
        int runs = Integer.getInteger("parallel.runs", 1);
        int[] connections = Arrays.stream(System.getProperty("parallel.connections", "1,2,4").split(","))
                .map(String::trim).mapToInt(Integer::parseInt).toArray();
        if (dirtyMb >= memMb) {
            throw new IllegalArgumentException("-Dparallel.dirtyMb (" + dirtyMb + ") must be below -Dparallel.memMb ("
                    + memMb + "): the guest's kernel needs memory too");
        }
        LibvirtEventLoop.start();
        BusyGuestLab lab = BusyGuestLab.open(LabEnv.load());
        List<ParallelRun.Row> rows = new ArrayList<>();
        List<Series> curves = new ArrayList<>();
        try (ConvergeBench.Closer c = new ConvergeBench.Closer()) {
            Connect a = c.add(new Connect(lab.uri('a')));
            Connect b = c.add(new Connect(lab.uri('b')));
            System.out.printf(Locale.ROOT, "guest %d MiB (TCG), uncapped stream, connections %s, busy set %d MiB, "
                    + "limit %d s, %d run(s)%n", memMb, Arrays.toString(connections), dirtyMb, limitS, runs);
            ParallelRun runner = new ParallelRun(lab, a, b, memMb, limitS);
            rows.addAll(runner.guest("idle", cases("idle", connections, false), runs, "mem_mb=" + memMb, "dirty_mb=0"));
            List<Case> busy = new ArrayList<>(cases("busy", connections, false));
            // post-copy with more than one connection is refused by NovaConfig (QEMU < 10.1); run it only on request
            boolean postcopyMultifd = Boolean.getBoolean("parallel.postcopyMultifd");
            busy.addAll(cases("busy", connections, true).stream()
                    .filter(k -> postcopyMultifd || k.connections() == 1).toList());
            rows.addAll(runner.guest("busy", busy, runs, "mem_mb=" + memMb, "dirty_mb=" + dirtyMb));
            curves.addAll(runner.curves());
        }
        BenchPlots.write("parallel", new Chart("parallel: memory remaining per case (" + memMb + " MiB guest, busy set "
                + dirtyMb + " MiB; first run of each)", "time since the migration began (s)",
                "memory remaining (MiB)", curves), System.out);
        report(rows, memMb, dirtyMb).print(System.out);
    }

    private static List<Case> cases(String kind, int[] connections, boolean postCopy) {
        return Arrays.stream(connections).mapToObj(n -> new Case(kind, n, postCopy)).toList();
    }

    /** The settings of one case: Nova's defaults; with post-copy, permitted and our policy on. */
    static MonitorSettings settings(Case k) {
        MonitorSettings s = MonitorSettings.novaDefaults();
        return k.postCopy() ? s.withPermitPostCopy(true).withConvergencePolicy(true) : s;
    }

    static MigrationFeatures features(Case k) {
        return new MigrationFeatures(k.postCopy(), false);
    }

    static BenchReport report(List<ParallelRun.Row> rows, long memMb, long dirtyMb) {
        BenchReport r = new BenchReport("parallel", "case (" + memMb + " MiB guest, busy set " + dirtyMb + " MiB)",
                "completed", "time_s", "qemu_ms", "downtime_ms", "data_MiB", "MiB/s", "notes");
        for (ParallelRun.Row row : rows) {
            r.row(row.k().label(), row.outcome(), row.timeS(), dash(row.qemuMs()), dash(row.downtimeMs()),
                    dash(row.dataMib()), row.mibPerSec() < 0 ? "-" : row.mibPerSec(), row.notes());
        }
        for (ParallelRun.Row row : medians(rows)) {
            String key = row.k().key();
            r.result(key, row.outcome());
            if (row.completed()) {
                r.result(key + "_s", String.format(Locale.ROOT, "%.2f", row.timeS()))
                        .result(key + "_downtime_ms", row.downtimeMs())
                        .result(key + "_MiBps", row.mibPerSec());
            }
        }
        r.result("default_connections", defaultConnections(medians(rows)));
        return r;
    }

    /** Per case, the run with the median wall time (the only one with one run). */
    static List<ParallelRun.Row> medians(List<ParallelRun.Row> rows) {
        List<ParallelRun.Row> out = new ArrayList<>();
        rows.stream().map(ParallelRun.Row::k).distinct().forEach(k -> {
            List<ParallelRun.Row> of = rows.stream().filter(x -> x.k().equals(k))
                    .sorted(Comparator.comparingDouble(ParallelRun.Row::timeS)).toList();
            out.add(of.get(of.size() / 2));
        });
        return out;
    }

    /**
     * The connection count to recommend: the fewest connections within 5 % of the fastest completed pre-copy of
     * the busy guest (the one that sends a lot), else of the idle one; 1 when nothing completed.
     */
    static int defaultConnections(List<ParallelRun.Row> medians) {
        for (String kind : List.of("busy", "idle")) {
            List<ParallelRun.Row> done = medians.stream()
                    .filter(x -> x.k().kind().equals(kind) && !x.k().postCopy() && x.completed()).toList();
            Optional<Double> best = done.stream().map(ParallelRun.Row::timeS).min(Double::compare);
            if (best.isPresent()) {
                double limit = best.get() * 1.05;
                return done.stream().filter(x -> x.timeS() <= limit).mapToInt(x -> x.k().connections()).min()
                        .orElse(1);
            }
        }
        return 1;
    }

    private static Object dash(long v) {
        return v < 0 ? "-" : v;
    }
}
