package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.Step;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./lab bench migrate}: the full contract (checks, pre, migrateToURI3 with rewritten XML, post and cleanup)
 * against plain {@code virsh migrate --live --p2p --persistent --undefinesource} of the same idle guest, in one
 * run. Hops alternate in pairs (contract a->b->a, then virsh a->b->a) so each pair starts from the same state;
 * 10 hops each. Prints median wall times, the contract's per-step medians and per-phase medians (the phases the
 * driver reports, also its DEBUG lines), the downtime of each hop for both (the contract's from the library's
 * completed event and, as a cross-check, from {@code virsh domjobinfo --completed} on the destination; virsh's from
 * the latter), QEMU's own migration time for both, and the ratio (target {@literal <=} {@value #TARGET_RATIO}).
 */
public final class MigrateBench {
    private static final int HOPS = 10;
    private static final double TARGET_RATIO = 1.02;
    private static final Duration JOBINFO_LIMIT = Duration.ofSeconds(30);

    /** What one hop's figures are collected in. */
    private static final class Figures {
        final Samples wall = new Samples();
        final Samples downtime = new Samples();
        final Samples downtimeByVirsh = new Samples();
        final Samples qemuElapsed = new Samples();
    }

    private MigrateBench() {
    }

    public static void main(String[] args) throws Exception {
        // The printed steps are the output; the library's INFO lines would only interleave with them.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int hops = args.length > 0 ? Integer.parseInt(args[0]) : HOPS;
        ContractLab lab = ContractLab.load();
        PhaseSamples phases = new PhaseSamples();
        AtomicReference<MigrationEvent.Completed> completed = new AtomicReference<>();
        MigrationListener listener = ev -> {
            if (ev instanceof MigrationEvent.Completed c) {
                completed.set(c);
            }
        };
        LibvirtDriver a = driver(lab, "a", phases, listener);
        LibvirtDriver b = driver(lab, "b", phases, listener);
        Instance instance = lab.newInstance("bench");
        Figures contract = new Figures();
        Figures virsh = new Figures();
        Map<Step, Samples> steps = new EnumMap<>(Step.class);
        try {
            a.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
            if (!GuestProbe.serialGrows(a, instance, Duration.ofSeconds(30))) {
                throw new IllegalStateException("the bench guest printed nothing on host-a");
            }
            for (int pair = 0; pair < (hops + 1) / 2; pair++) {
                String c1 = contractHop(lab, a, b, "b", instance, contract, steps, completed);
                String c2 = contractHop(lab, b, a, "a", instance, contract, steps, completed);
                String v1 = virshHop(lab, "a", "b", instance, virsh);
                String v2 = virshHop(lab, "b", "a", instance, virsh);
                System.out.printf("pair %d: contract a->b %s, b->a %s; virsh a->b %s, b->a %s%n", pair + 1, c1, c2, v1,
                        v2);
            }
            if (!GuestProbe.runsOn(a, instance) || !GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))) {
                throw new IllegalStateException("the guest is not alive on host-a after the benchmark");
            }
        } finally {
            GuestProbe.purge(instance, a, b);
            a.close();
            b.close();
        }
        report(contract, virsh, steps, phases).print(System.out);
    }

    /** Lab host {@code letter}'s driver, its phases and migration events heard by the bench. */
    private static LibvirtDriver driver(ContractLab lab, String letter, PhaseSamples phases,
                                        MigrationListener listener) {
        // No VNC: plain virsh migrate would carry host-a's listen address to host-b (the contract rewrites it).
        return lab.host(letter, lab.instancesPath(letter), "[vnc]\nenabled = false", lab.cephxKeys(), false,
                lab.migrationTls(letter), d -> d.phaseListener(phases).migrationListener(listener)).driver();
    }

    private static BenchReport report(Figures contract, Figures virsh, Map<Step, Samples> steps,
                                      PhaseSamples phases) {
        double ratio = contract.wall.median() / virsh.wall.median();
        BenchReport r = new BenchReport("migrate", "migration (idle 64 MiB guest, RBD disk)", "n", "min ms",
                "median ms", "max ms");
        r.row("contract: LiveMigrationTask (all steps)", contract.wall.count(), contract.wall.min(),
                contract.wall.median(), contract.wall.max());
        r.row("virsh migrate --live --p2p --persistent --undefinesource", virsh.wall.count(), virsh.wall.min(),
                virsh.wall.median(), virsh.wall.max());
        row(r, "downtime: contract (library's completed event)", contract.downtime);
        row(r, "downtime: contract (virsh domjobinfo --completed on dest)", contract.downtimeByVirsh);
        row(r, "downtime: virsh (virsh domjobinfo --completed on dest)", virsh.downtimeByVirsh);
        row(r, "QEMU time elapsed: contract (library's completed event)", contract.qemuElapsed);
        row(r, "QEMU time elapsed: virsh (virsh domjobinfo --completed)", virsh.qemuElapsed);
        steps.forEach((step, s) -> r.row("  step " + step.name().toLowerCase(), s.count(), s.min(), s.median(),
                s.max()));
        phases.addRows(r);
        r.row("ratio contract/virsh (median)", "", "", ratio, "");
        r.result("contract_median_ms", contract.wall.median())
                .result("virsh_median_ms", virsh.wall.median())
                .result("ratio", ratio)
                .result("contract_downtime_ms", median(contract.downtime))
                .result("virsh_downtime_ms", median(virsh.downtimeByVirsh))
                .result("hops_each", contract.wall.count())
                .result("target_ratio", TARGET_RATIO);
        return r;
    }

    private static void row(BenchReport r, String label, Samples s) {
        if (s.count() == 0) {
            r.row(label, 0, "-", "-", "-");
        } else {
            r.row(label, s.count(), s.min(), s.median(), s.max());
        }
    }

    private static Object median(Samples s) {
        return s.count() == 0 ? "-" : s.median();
    }

    private static String contractHop(ContractLab lab, LibvirtDriver from, LibvirtDriver to, String toLetter,
                                      Instance instance, Figures contract, Map<Step, Samples> steps,
                                      AtomicReference<MigrationEvent.Completed> completed) {
        completed.set(null);
        long t0 = System.nanoTime();
        LiveMigrationResult result = LiveMigrationTask.builder(from, to).build()
                .run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        double ms = (System.nanoTime() - t0) / 1e6;
        contract.wall.add(ms);
        if (!result.completed()) {
            throw new IllegalStateException("contract hop " + from.host() + " -> " + to.host() + " failed: "
                    + result.steps());
        }
        result.steps().forEach(s -> steps.computeIfAbsent(s.step(), k -> new Samples())
                .add(s.duration().toNanos() / 1e6));
        MigrationEvent.Completed c = completed.get();
        long downtime = c == null ? -1 : c.downtimeMs();
        if (downtime >= 0) {
            contract.downtime.add(downtime);
        }
        if (c != null && c.totalTimeMs() > 0) {
            contract.qemuElapsed.add(c.totalTimeMs());
        }
        long byVirsh = completedJob(lab, toLetter, instance, null);
        if (byVirsh >= 0) {
            contract.downtimeByVirsh.add(byVirsh);
        }
        return String.format(java.util.Locale.ROOT, "%.0f ms (downtime %s/%s ms)", ms, dash(downtime), dash(byVirsh));
    }

    private static String virshHop(ContractLab lab, String from, String to, Instance instance, Figures virsh) {
        String[] argv = {"virsh", "-q", "-c", lab.hostValue(from, "URI"), "migrate", "--live", "--p2p",
            "--persistent", "--undefinesource", instance.name(), lab.hostValue(to, "URI")};
        long t0 = System.nanoTime();
        ContractLab.Run run = ContractLab.run(argv);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (run.exitCode() != 0) {
            throw new IllegalStateException("virsh migrate " + from + " -> " + to + " failed: " + run.output());
        }
        virsh.wall.add(ms);
        long downtime = completedJob(lab, to, instance, virsh.qemuElapsed);
        if (downtime >= 0) {
            virsh.downtimeByVirsh.add(downtime);
        }
        return String.format(java.util.Locale.ROOT, "%.0f ms (downtime %s ms)", ms, dash(downtime));
    }

    /**
     * {@code virsh domjobinfo --completed} of the guest on host {@code letter} (the destination: after
     * {@code --undefinesource} the source has no domain left; libvirt passes the statistics in the cookie): the
     * downtime in ms, -1 when it does not say; QEMU's time elapsed goes into {@code elapsed} when given.
     */
    private static long completedJob(ContractLab lab, String letter, Instance instance, Samples elapsed) {
        ContractLab.Run run = ContractLab.run(JOBINFO_LIMIT, "virsh", "-c", lab.hostValue(letter, "URI"),
                "domjobinfo", "--completed", instance.name());
        if (run.exitCode() != 0) {
            return -1;
        }
        long t = field(run.output(), "Time elapsed");
        if (elapsed != null && t > 0) {
            elapsed.add(t);
        }
        return field(run.output(), "Total downtime");
    }

    private static long field(String text, String key) {
        Matcher m = Pattern.compile(Pattern.quote(key) + ":\\s+(\\d+)").matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String dash(long v) {
        return v < 0 ? "-" : Long.toString(v);
    }
}
