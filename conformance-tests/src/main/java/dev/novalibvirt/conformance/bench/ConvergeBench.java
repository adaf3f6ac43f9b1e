package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.bench.plot.BenchPlots;
import dev.novalibvirt.conformance.bench.plot.Chart;
import dev.novalibvirt.conformance.bench.plot.ProgressSeries;
import dev.novalibvirt.conformance.bench.plot.Series;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.monitor.BusyGuestLab;
import dev.novalibvirt.conformance.monitor.MonitoredMigration;
import dev.novalibvirt.libvirt.jna.LibvirtEventLoop;
import dev.novalibvirt.libvirt.monitor.Detection;
import dev.novalibvirt.migration.monitor.ConvergenceDecision;
import dev.novalibvirt.migration.monitor.JobInfo;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationFeatures;
import dev.novalibvirt.migration.monitor.MigrationOutcome;
import dev.novalibvirt.migration.monitor.MonitorSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * {@code ./lab bench converge}: the busy guest (512 MiB, TCG, re-dirtying 400 MiB flat out) migrated with the
 * stream capped at 100 MiB/s, every way in one run: plain {@code virsh migrate}, {@code virsh --auto-converge},
 * {@code virsh --postcopy} switched by hand after 5 s, Nova's default settings through the library, and the library
 * with the convergence policy (post-copy permitted; the dirty rate measured at the start decides). A case that has not completed
 * after the limit (120 s, {@code -Dconverge.limit=S}) is aborted; the guest then stays where it was.
 * Last line: {@code RESULT converge completed=yes|no time_s=... downtime_ms=... virsh_plain_completed=yes|no
 * virsh_autoconverge_completed=... virsh_postcopy5_completed=... virsh_postcopy5_time_s=... virsh_postcopy5_downtime_ms=...}
 * (the first three are the policy's).
 */
public final class ConvergeBench {
    private static final long BANDWIDTH_MIB = 100;
    private static final long MEMORY_MB = 512;

    /** One case; {@code curve} its remaining memory over time, for the plot. */
    private record Row(String name, boolean completed, double timeS, long downtimeMs, long dataMib, String notes,
                       Series curve) {
    }

    private ConvergeBench() {
    }

    public static void main(String[] args) throws Exception {
        long limitS = Long.getLong("converge.limit", 120);
        boolean policyOnly = Boolean.getBoolean("converge.policyOnly"); // a quick look at the policy alone
        LibvirtEventLoop.start();
        LabEnv env = LabEnv.load();
        BusyGuestLab lab = BusyGuestLab.open(env);
        String name = BusyGuestLab.name("converge");
        List<Row> rows = new ArrayList<>();
        try (Closer c = new Closer()) {
            Connect a = c.add(new Connect(lab.uri('a')));
            Connect b = c.add(new Connect(lab.uri('b')));
            System.out.printf(Locale.ROOT, "busy guest %s: %d MiB, dirty_mb=400 unthrottled, bandwidth %d MiB/s, limit %d s%n",
                    name, MEMORY_MB, BANDWIDTH_MIB, limitS);
            lab.start(a, 'a', name, "dirty_mb=400");
            char at = 'a';

            if (!policyOnly) {
                rows.add(virsh("virsh plain", lab, conn(at, a, b), name, at, limitS, -1));
                at = rows.get(rows.size() - 1).completed() ? other(at) : at;
                rows.add(virsh("virsh --auto-converge", lab, conn(at, a, b), name, at, limitS, -1, "--auto-converge"));
                at = rows.get(rows.size() - 1).completed() ? other(at) : at;
                rows.add(virsh("virsh --postcopy, switched at 5 s", lab, conn(at, a, b), name, at, limitS, 5,
                        "--postcopy"));
                at = rows.get(rows.size() - 1).completed() ? other(at) : at;

                Row nova = library("nova defaults", lab, name, at, a, b, MonitorSettings.novaDefaults(),
                        new MigrationFeatures(false, false), limitS);
                rows.add(nova);
                at = nova.completed() ? other(at) : at;
            }

            Row policy = library("convergence policy", lab, name, at, a, b,
                    MonitorSettings.novaDefaults().withPermitPostCopy(true).withConvergencePolicy(true),
                    new MigrationFeatures(true, false), limitS);
            rows.add(policy);
        } finally {
            lab.destroy(name);
        }

        System.out.println();
        BenchReport r = new BenchReport("converge", "case", "completed", "time_s", "downtime_ms", "data_MiB", "notes");
        for (Row row : rows) {
            r.row(row.name(), row.completed() ? "yes" : "no", row.timeS(),
                    row.downtimeMs() < 0 ? "-" : row.downtimeMs(), row.dataMib() < 0 ? "-" : row.dataMib(), row.notes());
        }
        BenchPlots.write("converge", new Chart("converge: memory remaining per case (busy guest, " + BANDWIDTH_MIB
                + " MiB/s)", "time since the migration began (s)", "memory remaining (MiB)",
                rows.stream().map(Row::curve).toList()), System.out);
        Row p = rows.get(rows.size() - 1);
        r.result("completed", p.completed() ? "yes" : "no")
                .result("time_s", String.format(Locale.ROOT, "%.1f", p.timeS()))
                .result("downtime_ms", p.downtimeMs() < 0 ? "-" : Long.toString(p.downtimeMs()))
                .result("virsh_plain_completed", policyOnly ? "not-run" : rows.get(0).completed() ? "yes" : "no");
        if (!policyOnly) {
            Row ac = rows.get(1);
            Row pc = rows.get(2);
            r.result("virsh_autoconverge_completed", ac.completed() ? "yes" : "no")
                    .result("virsh_postcopy5_completed", pc.completed() ? "yes" : "no")
                    .result("virsh_postcopy5_time_s", String.format(Locale.ROOT, "%.1f", pc.timeS()))
                    .result("virsh_postcopy5_downtime_ms", pc.downtimeMs() < 0 ? "-" : Long.toString(pc.downtimeMs()));
        }
        r.print(System.out);
    }

    private static char other(char h) {
        return h == 'a' ? 'b' : 'a';
    }

    private static Connect conn(char h, Connect a, Connect b) {
        return h == 'a' ? a : b;
    }

    /**
     * virsh: what an operator gets with {@code virsh migrate --live --p2p ... --bandwidth 100} and {@code extra}
     * options; with {@code postCopyAfterS >= 0}, {@code virsh migrate-postcopy} that many seconds in, by hand.
     */
    private static Row virsh(String label, BusyGuestLab lab, Connect source, String name, char from, long limitS,
                             long postCopyAfterS, String... extra) throws Exception {
        String src = lab.uri(from);
        String dst = lab.uri(other(from));
        System.out.printf("%s: %s -> %s%n", label, src, dst);
        List<String> argv = new ArrayList<>(List.of("virsh", "-c", src, "migrate", "--live", "--p2p", "--persistent",
                "--undefinesource", "--bandwidth", Long.toString(BANDWIDTH_MIB)));
        argv.addAll(List.of(extra));
        argv.addAll(List.of(name, dst));
        // a post-copy job's statistics reach neither host's domjobinfo: the source's job-completed event has them
        Process event = postCopyAfterS < 0 ? null : new ProcessBuilder("virsh", "-c", src, "event", "--domain", name,
                "--event", "job-completed", "--timeout", Long.toString(limitS + 30)).redirectErrorStream(true).start();
        long t0 = System.nanoTime();
        JobSampler sampler = JobSampler.start(source, name);
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String switched = "";
        if (postCopyAfterS >= 0 && !p.waitFor(postCopyAfterS, TimeUnit.SECONDS)) {
            switched = run("virsh", "-c", src, "migrate-postcopy", name).strip();
            switched = "migrate-postcopy at " + postCopyAfterS + " s" + (switched.isEmpty() ? "" : ": " + switched);
        }
        boolean finished = p.waitFor(limitS, TimeUnit.SECONDS);
        String jobinfo = "";
        if (!finished) {
            jobinfo = run("virsh", "-c", src, "domjobinfo", name);
            run("virsh", "-c", src, "domjobabort", name);
            p.waitFor(60, TimeUnit.SECONDS);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        sampler.close();
        Series curve = ProgressSeries.remainingMemorySamples(label, sampler.samples());
        boolean completed = finished && p.exitValue() == 0;
        if (event != null && !completed) {
            event.destroy();
        }
        if (completed && event != null) {
            event.getOutputStream().close();
            String ev = new String(event.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            long data = field(ev, "data_processed");
            return new Row(label, true, s, field(ev, "downtime"), data < 0 ? -1 : data >> 20, switched, curve);
        }
        if (completed) {
            String done = run("virsh", "-c", dst, "domjobinfo", "--completed", name);
            return new Row(label, true, s, field(done, "Total downtime"), mib(done, "Data processed"), switched,
                    curve);
        }
        return new Row(label, false, s, -1, mib(jobinfo, "Data processed"),
                (finished ? "failed" : "aborted at " + limitS + " s") + "; expected downtime "
                        + field(jobinfo, "Expected downtime") + " ms" + (switched.isEmpty() ? "" : "; " + switched),
                curve);
    }

    private static Row library(String label, BusyGuestLab lab, String name, char from, Connect a, Connect b,
                               MonitorSettings settings, MigrationFeatures features, long limitS) throws Exception {
        Connect src = from == 'a' ? a : b;
        Domain d = src.domainLookupByName(name);
        // whether libvirt still has a job of the guest at the start (issue 16: a case after an aborted one started late)
        String job = run("virsh", "-c", lab.uri(from), "domjobinfo", name).lines()
                .filter(l -> l.startsWith("Job type:")).findFirst().orElse("Job type: ?").replaceAll("\\s+", " ");
        System.out.printf("%s: host-%s -> host-%s (source before the start: %s)%n", label, from, other(from), job);
        MonitoredMigration m = new MonitoredMigration(src, d, lab.uri(other(from)), BANDWIDTH_MIB, settings, features,
                MEMORY_MB, Detection.EVENTS);
        long t0 = System.nanoTime();
        CompletableFuture<MigrationOutcome> run = CompletableFuture.supplyAsync(m::run); // m.run waits for the migrate call too: the next case must not meet this job
        MigrationOutcome outcome;
        try {
            outcome = run.get(limitS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            m.handle.abort();
            outcome = run.get(60, TimeUnit.SECONDS);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        // which call was late when the job started late: the dirty-rate start, the migrate call or libvirt's job
        System.out.printf("%s: %s%n", label, m.timeline().describe());
        Series curve = ProgressSeries.remainingMemory(label, m.eventsOf(MigrationEvent.Progress.class));
        StringBuilder notes = new StringBuilder();
        for (MigrationEvent.PolicyDecision pd : m.eventsOf(MigrationEvent.PolicyDecision.class)) {
            ConvergenceDecision dd = pd.decision();
            notes.append(String.format(Locale.ROOT, "%s %s->%s at %.1f s (dirty %.0f/%.0f MiB/s, expected %d ms); ",
                    dd.basis().name().toLowerCase(Locale.ROOT), dd.verdict(), dd.action(), pd.elapsedMs() / 1000.0, dd.dirtyBytesPerSec() / 1048576.0,
                    dd.bytesPerSec() / 1048576.0, dd.expectedDowntimeMs()));
        }
        for (MigrationEvent.PostCopySwitched ps : m.eventsOf(MigrationEvent.PostCopySwitched.class)) {
            notes.append(String.format(Locale.ROOT, "post-copy at %.1f s; ", ps.elapsedMs() / 1000.0));
        }
        if (outcome instanceof MigrationOutcome.Completed c) {
            MigrationEvent.Completed ev = c.event();
            if (!ev.postCopy()) {
                // downtime is measured; for post-copy it comes from the source's job-completed event
                notes.append("pre-copy; ");
            } else if (ev.stats() != null && ev.stats().memoryPostcopyRequests() > 0) {
                // the price of an early switch: pages the destination had to ask for
                notes.append(ev.stats().memoryPostcopyRequests()).append(" post-copy page requests; ");
            }
            long hb = lab.lastHeartbeat(other(from), name).orElse(-1);
            boolean alive = lab.waitForHeartbeat(other(from), name, hb, Duration.ofSeconds(10)).isPresent();
            notes.append(alive ? "alive on host-" + other(from) : "NO HEARTBEAT on host-" + other(from));
            return new Row(label, true, s, ev.downtimeMs(), ev.dataBytes() < 0 ? -1 : ev.dataBytes() >> 20,
                    notes.toString(), curve);
        }
        long data = m.handle.lastRunningStats().map(JobInfo::dataProcessed).orElse(-1L);
        String expected = m.handle.lastRunningStats().map(j -> j.downtimeMs() + " ms").orElse("?");
        notes.append(outcome.novaStatus()).append(" at ").append(limitS).append(" s; expected downtime ").append(expected);
        return new Row(label, false, s, -1, data < 0 ? -1 : data >> 20, notes.toString(), curve);
    }

    private static long field(String text, String key) {
        Matcher m = Pattern.compile(Pattern.quote(key) + ":\\s+(\\d+)").matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long mib(String text, String key) {
        Matcher m = Pattern.compile(Pattern.quote(key) + ":\\s+([0-9.]+) (KiB|MiB|GiB)").matcher(text);
        if (!m.find()) {
            return -1;
        }
        double v = Double.parseDouble(m.group(1));
        return Math.round(switch (m.group(2)) {
            case "KiB" -> v / 1024;
            case "GiB" -> v * 1024;
            default -> v;
        });
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /** Closes libvirt connections at the end. */
    static final class Closer implements AutoCloseable {
        private final List<Connect> connects = new ArrayList<>();

        Connect add(Connect c) {
            connects.add(c);
            return c;
        }

        @Override
        public void close() {
            for (Connect c : connects) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing at the end of a benchmark: nothing left to do
                }
            }
        }
    }
}
