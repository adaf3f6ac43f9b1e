package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.bench.plot.ProgressSeries;
import dev.novalibvirt.conformance.bench.plot.Series;
import dev.novalibvirt.conformance.monitor.BusyGuestLab;
import dev.novalibvirt.conformance.monitor.MonitoredMigration;
import dev.novalibvirt.libvirt.monitor.Detection;
import dev.novalibvirt.migration.monitor.ConvergenceDecision;
import dev.novalibvirt.migration.monitor.JobInfo;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.libvirt.Connect;
import org.libvirt.Domain;

/** {@link ParallelBench}'s hops: one guest, its cases in order, each migrated to the other host and timed. */
final class ParallelRun {
    /**
     * One measured hop.
     *
     * @param outcome   yes, no (aborted at the limit), failed (libvirt or QEMU refused) or broken (libvirt called
     *                  it completed but the guest shows no heartbeat on the destination: QEMU 7.2 lets post-copy
     *                  start under multifd and the guest dies, which is why NovaConfig refuses that combination)
     * @param timeS     wall time from the migrate call to the monitor's outcome
     * @param qemuMs    the job's own time (-1 unless completed); downtime, data and throughput likewise
     */
    record Row(ParallelBench.Case k, String outcome, double timeS, long qemuMs, long downtimeMs, long dataMib,
               long mibPerSec, String notes) {
        boolean completed() {
            return "yes".equals(outcome);
        }

        boolean broken() {
            return "broken".equals(outcome);
        }
    }

    private final BusyGuestLab lab;
    private final Connect a;
    private final Connect b;
    private final long memMb;
    private final long limitS;
    /** Each case's remaining memory over time, of its first run, for the plot. */
    private final Map<String, Series> curves = new LinkedHashMap<>();

    ParallelRun(BusyGuestLab lab, Connect a, Connect b, long memMb, long limitS) {
        this.lab = lab;
        this.a = a;
        this.b = b;
        this.memMb = memMb;
        this.limitS = limitS;
    }

    /** Starts a guest with {@code knobs} on host-a, runs every case {@code runs} times, destroys it. */
    List<Row> guest(String what, List<ParallelBench.Case> cases, int runs, String... knobs) throws Exception {
        String name = BusyGuestLab.name("parallel-" + what);
        List<Row> rows = new ArrayList<>();
        char at = 'a';
        try {
            lab.start(a, 'a', name, knobs);
            for (int run = 0; run < runs; run++) {
                for (ParallelBench.Case k : cases) {
                    Row row = hop(name, at, k);
                    System.out.printf(Locale.ROOT, "%s: %s in %.2f s, downtime %s ms, %s MiB/s; %s%n", k.label(),
                            row.outcome(), row.timeS(), row.downtimeMs(), row.mibPerSec(), row.notes());
                    rows.add(row);
                    at = row.completed() ? other(at) : at;
                    if (row.broken()) {
                        // a dead guest would make every later case meaningless: start it again where it began
                        lab.destroy(name);
                        lab.start(a, 'a', name, knobs);
                        at = 'a';
                    }
                }
            }
        } finally {
            lab.destroy(name);
        }
        return rows;
    }

    private static char other(char h) {
        return h == 'a' ? 'b' : 'a';
    }

    /** The curves of the cases run so far, in the order first run. */
    List<Series> curves() {
        return List.copyOf(curves.values());
    }

    private Row hop(String name, char from, ParallelBench.Case k) throws Exception {
        Connect src = from == 'a' ? a : b;
        Domain d = src.domainLookupByName(name);
        MonitoredMigration m = new MonitoredMigration(src, d, lab.uri(other(from)), 0, ParallelBench.settings(k),
                ParallelBench.features(k), memMb, Detection.EVENTS, k.connections());
        Instant t0 = Instant.now();
        CompletableFuture<MigrationOutcome> run = CompletableFuture.supplyAsync(m::run);
        MigrationOutcome outcome;
        boolean aborted = false;
        try {
            outcome = run.get(limitS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            aborted = true;
            m.handle.abort();
            outcome = run.get(120, TimeUnit.SECONDS);
        }
        // to the monitor's outcome, as ConvergeBench measures; the p2p call returns a little later
        double s = Duration.between(t0, m.handle.outcomeAt().orElse(Instant.now())).toMillis() / 1000.0;
        String notes = decisions(m);
        String label = k.label();
        curves.putIfAbsent(label, ProgressSeries.remainingMemory(label, m.eventsOf(MigrationEvent.Progress.class)));
        if (outcome instanceof MigrationOutcome.Completed c) {
            MigrationEvent.Completed ev = c.event();
            long dataMib = ev.dataBytes() < 0 ? -1 : ev.dataBytes() >> 20;
            long mibps = dataMib < 0 || ev.totalTimeMs() <= 0 ? -1 : Math.round(dataMib * 1000.0 / ev.totalTimeMs());
            long hb = lab.lastHeartbeat(other(from), name).orElse(-1);
            boolean alive = lab.waitForHeartbeat(other(from), name, hb, Duration.ofSeconds(10)).isPresent();
            long requests = ev.stats() == null ? 0 : ev.stats().memoryPostcopyRequests();
            notes += (ev.postCopy() ? "post-copy, " + requests + " page requests; " : "pre-copy; ")
                    + (alive ? "alive on host-" + other(from) : "NO HEARTBEAT on host-" + other(from));
            return new Row(k, alive ? "yes" : "broken", s, ev.totalTimeMs(), ev.downtimeMs(), dataMib, mibps, notes);
        }
        long data = m.handle.lastRunningStats().map(JobInfo::dataProcessed).orElse(-1L);
        long bps = m.handle.lastRunningStats().map(JobInfo::memoryBps).orElse(-1L);
        notes += outcome.novaStatus() + (aborted ? " at " + limitS + " s" : "") + ": " + outcome.reason()
                + (bps > 0 ? "; last stream " + (bps >> 20) + " MiB/s" : "");
        return new Row(k, aborted ? "no" : "failed", s, -1, -1, data < 0 ? -1 : data >> 20,
                bps > 0 ? bps >> 20 : -1, notes);
    }

    private static String decisions(MonitoredMigration m) {
        StringBuilder notes = new StringBuilder();
        for (MigrationEvent.PolicyDecision pd : m.eventsOf(MigrationEvent.PolicyDecision.class)) {
            ConvergenceDecision dd = pd.decision();
            notes.append(String.format(Locale.ROOT, "%s %s->%s at %.1f s (dirty %.0f/%.0f MiB/s); ",
                    dd.basis().name().toLowerCase(Locale.ROOT), dd.verdict(), dd.action(), pd.elapsedMs() / 1000.0,
                    dd.dirtyBytesPerSec() / 1048576.0, dd.bytesPerSec() / 1048576.0));
        }
        for (MigrationEvent.PostCopySwitched ps : m.eventsOf(MigrationEvent.PostCopySwitched.class)) {
            notes.append(String.format(Locale.ROOT, "post-copy at %.1f s; ", ps.elapsedMs() / 1000.0));
        }
        return notes.toString();
    }
}
