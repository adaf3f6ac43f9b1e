package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabFaults;
import dev.novalibvirt.conformance.migration.ContractLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code ./lab bench faults [RUNS] [OFFSETS_MS] [FAULTS] [RACE_OFFSETS_MS]}: the fault matrix of issue 11. For every
 * fault x offset x run a boot-sector guest on an RBD disk migrates a -> b through {@code LiveMigrationTask} with a
 * file journal, the fault hits OFFSET ms after {@code live_migration} starts, the lab is brought back,
 * {@code recover()} runs, and the truth is read without the library ({@code FaultCell}, judged by
 * {@code FaultVerdict}): the guest runs on exactly one host and its serial output grows (where its own QEMU was
 * killed: defined, stopped, on exactly one host, and it starts there), the other host has neither domain nor
 * instance dir, no host's secrets changed, the journal is closed, the RBD image id is unchanged, the library's
 * outcome named where the guest is, and a follow-up migration completes.
 *
 * <p>Defaults: 1 run; offsets 0,300,700 ms; every fault class ({@code FaultClass}: dest-libvirtd-kill,
 * dest-libvirtd-restart, source-libvirtd-kill, source-libvirtd-restart, dest-link-cut (30 s), dest-link-cut-150,
 * dest-qemu-kill, source-qemu-kill, osd-restart, mon-move, abort-race, force-complete-race, controller-kill). The
 * race classes race the very start of the job, at their own offsets (default 0,5,20 ms; the fourth argument), not
 * OFFSETS_MS. {@code controller-kill} runs the migration in a child JVM, kills it -9 at the offset, waits for libvirt
 * to end the job on its own and recovers from the journal here; its outcome is the one recovery reported.
 *
 * <p>Printed per cell: what the fault did, the outcome, the recovery action, the truth, the verdict, seconds.
 * RESULT: cells and the count of each verdict ({@code FaultVerdict.ALL}: ok, lost, twice, paused, leftovers,
 * wrong, image, stalled, unrestartable, followup, error).
 */
public final class FaultsBench {
    private FaultsBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        List<Long> offsets = offsets(args.length > 1 ? args[1] : "0,300,700");
        List<FaultClass> faults = args.length > 2 && !args[2].isBlank()
                ? List.of(args[2].split(",")).stream().map(String::strip).map(FaultClass::of).toList()
                : List.of(FaultClass.values());
        List<Long> raceOffsets = args.length > 3 ? offsets(args[3]) : FaultClass.RACE_OFFSETS_MS;
        LabEnv env = LabEnv.load();
        ContractLab lab = ContractLab.of(env);
        BenchReport report = new BenchReport("faults", "fault", "offset ms", "run", "injected", "outcome",
                "recovery", "truth", "verdict", "s");
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("cells", 0);
        FaultVerdict.ALL.forEach(v -> counts.put(v, 0));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "faults-bench-timer");
            t.setDaemon(true);
            return t;
        });
        Path dir = Files.createTempDirectory("faults-bench");
        FaultCell cells = new FaultCell(lab, new LabFaults(env), timer, dir);
        System.out.println("faults " + faults.stream().map(FaultClass::label).toList() + ", offsets " + offsets
                + " ms (races " + raceOffsets + " ms), " + runs + " run(s); journals in " + dir);
        try {
            for (FaultClass fault : faults) {
                for (long offset : fault.race() ? raceOffsets : offsets) {
                    for (int run = 1; run <= runs; run++) {
                        FaultCell.Result c = cells.run(fault, offset);
                        counts.merge("cells", 1, Integer::sum);
                        counts.merge(c.verdict(), 1, Integer::sum);
                        report.row(fault.label(), offset, run, c.injected(), c.outcome(), c.recovery(), c.truth(),
                                c.verdict(), c.seconds());
                        System.out.printf("%s @%d ms run %d: %s (%s; %s; %s; truth %s; %.1f s)%n", fault.label(),
                                offset, run, c.verdict(), c.injected(), c.outcome(), c.recovery(), c.truth(),
                                c.seconds());
                    }
                }
            }
        } finally {
            timer.shutdownNow();
        }
        counts.forEach(report::result);
        report.print(System.out);
        System.exit(0);
    }

    private static List<Long> offsets(String csv) {
        return List.of(csv.split(",")).stream().map(String::strip).map(Long::parseLong).toList();
    }
}
