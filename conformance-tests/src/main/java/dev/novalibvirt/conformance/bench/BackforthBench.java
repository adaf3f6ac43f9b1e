package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.ScenarioCleanup;
import dev.novalibvirt.conformance.monitor.BusyGuestLab;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.rbdlibvirt.RbdLibvirtDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;

/**
 * {@code ./lab bench backforth [HOPS] [GUESTS] [EVERY] [SECOND]}: the soak of issue 11. GUESTS guests (default 2)
 * migrate at once in one JVM, each HOPS times (default 200) back and forth between host-a and host-b, through the
 * full contract ({@link dev.novalibvirt.migration.task.LiveMigrationTask} with a
 * {@link dev.novalibvirt.migration.task.journal.FileMigrationJournal} per guest and the task's 5-minute timeout),
 * over one driver per host as a controller holds them. The first guest is the lab's boot-sector guest on an RBD
 * disk, starting on host-a; the second the busy Linux guest in disk-I/O mode (256 MiB, TCG; a counter written to its RBD disk and read back every
 * second, a heartbeat every second), starting on host-b, so that both hosts are a migration source at once until the
 * guests' hops drift into each other and one waits for its host's {@code max_concurrent_live_migrations} slot
 * ({@code SECOND=boot} makes it a second boot-sector guest). Every hop is checked without the library
 * ({@code BackforthGuest}); the first failed hop of a guest is recorded and ends that guest.
 *
 * <p>Every EVERY hops of all guests together the process is sampled ({@code ProcessSample}: threads, open fds,
 * VmRSS, heap after GC); from the warm-up hop on, each must be flat ({@code Flatness}: the fitted line rises by no
 * more than 4 threads, 8 fds, 32 MiB RSS, 16 MiB heap over the run; {@code -Dbackforth.threads=},
 * {@code .fds=}, {@code .rssMib=}, {@code .heapMib=} change them). {@code ./lab bench} runs it with a fixed,
 * pre-touched heap, so RSS growth is native memory. At the end every guest is removed and that is checked with
 * virsh, the filesystem and {@code rbd ls} ({@link ScenarioCleanup}), and every journal must be closed. Exit 0
 * when there was no failure, no leftover, no open journal and the soak was not judged unflat.
 *
 * <p>A fast run for a quick look: {@code ./lab bench backforth 6} (12 migrations, a sample after each).
 */
public final class BackforthBench {

    private BackforthBench() {
    }

    public static void main(String[] args) throws Exception {
        // the per-hop lines and the tables are the output; the library's INFO lines would drown them
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        BackforthSettings settings = BackforthSettings.parse(args);
        LabEnv env = LabEnv.load();
        ContractLab lab = ContractLab.of(env);
        BusyGuestLab busyLab = settings.busy() && settings.guests() > 1 ? BusyGuestLab.open(env) : null;
        Path journals = Files.createTempDirectory("backforth-journals");
        Sampler sampler = new Sampler(settings.every());
        List<BackforthGuest> guests = new ArrayList<>();
        String leftovers = "none";
        ProcessSample idle;
        long t0 = System.nanoTime();
        RbdLibvirtDriver hostA = lab.host("a", lab.instancesPath("a"), null, lab.cephxKeys(), false);
        RbdLibvirtDriver hostB = null;
        try {
            hostB = lab.host("b", lab.instancesPath("b"), null, lab.cephxKeys(), false);
            for (int i = 0; i < settings.guests(); i++) {
                guests.add(guest(settings, i, lab, hostA, hostB, journals));
            }
            guests.forEach(g -> g.spawn(busyLab));
            sampler.baseline();
            runAll(guests, settings.hops(), sampler);
            idle = ProcessSample.take(sampler.hops());
        } finally {
            try {
                leftovers = cleanUp(lab, guests);
            } finally {
                if (hostB != null) {
                    hostB.close();
                }
                hostA.close();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        boolean ok = report(settings, guests, sampler.samples(), idle, leftovers, journals, seconds);
        System.exit(ok ? 0 : 1);
    }

    private static BackforthGuest guest(BackforthSettings settings, int index, ContractLab lab,
                                        RbdLibvirtDriver hostA, RbdLibvirtDriver hostB, Path journals) {
        boolean busy = settings.isBusy(index);
        String label = busy ? "busy" : index == 0 ? "boot" : "boot" + (index + 1);
        Instance instance;
        if (busy) {
            // 256 MiB: the Debian cloud kernel with the busy guest's initramfs boots in it (FenceIT, MonMoveIT)
            instance = lab.newInstance("bnf-busy", 256);
        } else {
            instance = lab.newInstance("bnf-" + label);
        }
        return new BackforthGuest(label, busy ? BackforthGuest.Kind.BUSY : BackforthGuest.Kind.BOOT_SECTOR, lab,
                instance, hostA.driver(), hostB.driver(), index % 2 == 0, journals);
    }

    /** Every guest's hops on a thread of its own; returns when all have ended. */
    private static void runAll(List<BackforthGuest> guests, int hops, Sampler sampler) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(guests.size(), r -> {
            Thread t = new Thread(r, "backforth-guest");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (BackforthGuest g : guests) {
                running.add(pool.submit(() -> g.run(hops, hop -> sampler.hopDone())));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Removes every guest from both hosts and checks it; what is left, or {@code none}. */
    private static String cleanUp(ContractLab lab, List<BackforthGuest> guests) {
        if (guests.isEmpty()) {
            return "none";
        }
        Set<ScenarioCleanup.Place> places = new LinkedHashSet<>(List.of(
                new ScenarioCleanup.Place("a", lab.instancesPath("a")),
                new ScenarioCleanup.Place("b", lab.instancesPath("b"))));
        try {
            new ScenarioCleanup(lab, places).removeAndCheck(guests.stream().map(BackforthGuest::instance).toList());
            return "none";
        } catch (AssertionError | RuntimeException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "cleanup interrupted";
        }
    }

    /** Prints the guests, the trends and the samples, the RESULT line last; whether the soak passed. */
    private static boolean report(BackforthSettings settings, List<BackforthGuest> guests, List<ProcessSample> samples,
                                  ProcessSample idle, String leftovers, Path journals, double seconds) {
        BenchReport perGuest = new BenchReport("backforth", "guest", "kind", "starts on", "hops ok", "failed at",
                "median s", "p95 s", "max s", "serial problems", "journal open");
        Samples all = new Samples();
        int failures = 0;
        int openJournals = 0;
        int tried = 0;
        for (BackforthGuest g : guests) {
            Samples s = g.hopTimes();
            all.addAll(s);
            tried += g.hopsTried();
            int open = g.journal().unfinished().size();
            openJournals += open;
            failures += g.failure().isPresent() ? 1 : 0;
            perGuest.row(g.label(), g.kind().name().toLowerCase(Locale.ROOT), "host-" + g.startLetter(), g.hopsOk(),
                    g.failure().map(f -> "hop " + f.hop() + " " + f.direction()).orElse("-"),
                    seconds(s, Samples::median), seconds(s, Samples::p95), seconds(s, Samples::max),
                    g.serialProblems(), open);
        }
        List<Flatness.Trend> trends = trends(samples, settings.warmup());
        BenchReport trendTable = new BenchReport("backforth", "resource (from hop " + settings.warmup() + ")",
                "samples", "first", "last", "fitted growth", "tolerance", "flat");
        for (Flatness.Trend t : trends) {
            trendTable.row(t.resource() + " (" + t.unit() + ")", t.samples(), t.first(), t.last(), t.growth(),
                    t.allowed(), t.verdict());
        }
        BenchReport r = new BenchReport("backforth", "hop", "threads", "fds", "rss MiB", "heap MiB");
        samples.forEach(s -> r.row(s.hop(), s.threads(), s.fds(), s.rssMib(), s.heapMib()));
        r.row("end (idle)", idle.threads(), idle.fds(), idle.rssMib(), idle.heapMib());

        System.out.println("== backforth: guests ==");
        System.out.print(perGuest.table());
        for (BackforthGuest g : guests) {
            g.failure().ifPresent(f -> System.out.printf("FAILED %s hop %d %s: %s%n  virsh: %s%n", g.label(), f.hop(),
                    f.direction(), f.what(), f.virsh()));
        }
        System.out.println("leftovers after the cleanup: " + leftovers);
        System.out.println("journals: " + journals);
        System.out.println("== backforth: flatness (least-squares rise over the sampled span) ==");
        System.out.print(trendTable.table());

        String flat = Flatness.overall(trends);
        r.result("hops", tried).result("failures", failures).result("guests", guests.size())
                .result("second", settings.guests() < 2 ? "-" : settings.busy() ? "busy" : "boot");
        for (Flatness.Trend t : trends) {
            String key = t.resource() + (t.unit().equals("MiB") ? "_%s_mib" : "_%s");
            r.result(key.formatted("first"), whole(t.first())).result(key.formatted("last"), whole(t.last()));
        }
        r.result("hop_median_s", seconds(all, Samples::median)).result("hop_p95_s", seconds(all, Samples::p95))
                .result("hop_max_s", seconds(all, Samples::max));
        for (BackforthGuest g : guests) {
            r.result(g.label() + "_median_s", seconds(g.hopTimes(), Samples::median));
        }
        boolean clean = leftovers.equals("none");
        r.result("warmup", settings.warmup()).result("every", settings.every()).result("flat", flat)
                .result("leftovers", clean ? 0 : 1).result("journals_open", openJournals)
                .result("seconds", String.format(Locale.ROOT, "%.1f", seconds));
        r.print(System.out);
        return failures == 0 && clean && openJournals == 0 && !flat.equals("no");
    }

    /** The four trends, judged with the tolerances (system properties override them). */
    static List<Flatness.Trend> trends(List<ProcessSample> samples, int warmup) {
        return List.of(
                trend("threads", "", samples, ProcessSample::threads, warmup, Long.getLong("backforth.threads", 4)),
                trend("fds", "", samples, ProcessSample::fds, warmup, Long.getLong("backforth.fds", 8)),
                trend("rss", "MiB", samples, s -> s.rssKib() / 1024.0, warmup, Long.getLong("backforth.rssMib", 32)),
                trend("heap", "MiB", samples, s -> s.heapKib() / 1024.0, warmup,
                        Long.getLong("backforth.heapMib", 16)));
    }

    private static Flatness.Trend trend(String resource, String unit, List<ProcessSample> samples,
                                        ToDoubleFunction<ProcessSample> value, int warmup, double allowed) {
        List<Flatness.Point> points = samples.stream()
                .map(s -> new Flatness.Point(s.hop(), value.applyAsDouble(s))).toList();
        return Flatness.judge(resource, unit, points, warmup, allowed);
    }

    private static String seconds(Samples s, ToDoubleFunction<Samples> stat) {
        return s.count() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", stat.applyAsDouble(s) / 1000);
    }

    private static String whole(double v) {
        return Double.isNaN(v) ? "-" : Long.toString(Math.round(v));
    }

    /** Counts the hops of all guests and samples the process every {@code every} of them. */
    static final class Sampler {
        private final int every;
        private final List<ProcessSample> samples = new ArrayList<>();
        private int hops;

        Sampler(int every) {
            this.every = every;
        }

        synchronized void baseline() {
            samples.add(ProcessSample.take(0));
        }

        /** One more hop (of any guest) ended, checked or failed. */
        synchronized void hopDone() {
            hops++;
            if (hops % every == 0) {
                samples.add(ProcessSample.take(hops));
            }
        }

        synchronized int hops() {
            return hops;
        }

        synchronized List<ProcessSample> samples() {
            return List.copyOf(samples);
        }
    }
}
