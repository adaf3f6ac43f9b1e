package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabFaults;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.driver.LibvirtHostProbe;
import dev.novalibvirt.migration.task.LiveMigrationListener;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.MigrationRecovery;
import dev.novalibvirt.migration.task.Sleeper;
import dev.novalibvirt.migration.task.Step;
import dev.novalibvirt.migration.task.journal.FileMigrationJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./lab bench faults [RUNS] [OFFSETS_MS] [FAULTS]}: the fault matrix of issue 11. For every fault x offset x
 * run, a boot-sector guest on an RBD disk migrates a -> b through {@link LiveMigrationTask} with a file journal; the
 * fault hits OFFSET ms after {@code live_migration} starts; then both hosts are brought back, {@code recover()}
 * runs on the journal with fresh connections, and the truth is read independently of the library: exactly one
 * host runs the guest and it is alive, the other has neither domain nor instance dir, the journal is closed, and
 * the library's outcome named the host the guest was on. A destination QEMU killed after the switch-over kills the
 * guest itself: then it must be defined (stopped) on the destination only. Defaults: 1 run, offsets 0,300,700, faults
 * dest-libvirtd-kill, source-libvirtd-restart, dest-link-cut (30 s), dest-qemu-kill.
 *
 * <p>Printed per cell: outcome, recovery action, the truth and whether it matched, seconds. RESULT: cells, ok,
 * lost (no host runs the guest), twice (two run it), leftovers, wrong (outcome named the wrong host).
 */
public final class FaultsBench {
    private static final List<String> ALL = List.of("dest-libvirtd-kill", "source-libvirtd-restart", "dest-link-cut",
            "dest-qemu-kill");

    private FaultsBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        List<Long> offsets = (args.length > 1 ? List.of(args[1].split(",")) : List.of("0", "300", "700")).stream()
                .map(Long::parseLong).toList();
        List<String> faults = args.length > 2 ? List.of(args[2].split(",")) : ALL;
        for (String f : faults) {
            if (!ALL.contains(f)) {
                throw new IllegalArgumentException("unknown fault '" + f + "'; known: " + ALL);
            }
        }
        LabEnv env = LabEnv.load();
        ContractLab lab = ContractLab.of(env);
        LabFaults inject = new LabFaults(env);
        BenchReport report = new BenchReport("faults", "fault", "offset ms", "run", "outcome", "recovery", "truth",
                "ok", "s");
        Map<String, Integer> counts = new TreeMap<>(Map.of("cells", 0, "ok", 0, "lost", 0, "twice", 0,
                "leftovers", 0, "wrong", 0));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        Path dir = Files.createTempDirectory("faults-bench");
        try {
            for (String fault : faults) {
                for (long offset : offsets) {
                    for (int run = 1; run <= runs; run++) {
                        Cell c = cell(lab, inject, timer, dir, fault, offset);
                        counts.merge("cells", 1, Integer::sum);
                        counts.merge(c.verdict, 1, Integer::sum);
                        report.row(fault, offset, run, c.outcome, c.recovery, c.truth, c.verdict.equals("ok"),
                                c.seconds);
                        System.out.println(fault + " @" + offset + " ms run " + run + ": " + c.verdict + " ("
                                + c.outcome + ", " + c.recovery + ", " + c.truth + ")");
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

    private record Cell(String outcome, String recovery, String truth, String verdict, double seconds) {
    }

    private static Cell cell(ContractLab lab, LabFaults inject, ScheduledExecutorService timer, Path dir,
                             String fault, long offset) throws Exception {
        long t0 = System.nanoTime();
        Instance instance = lab.newInstance("faults");
        List<LibvirtDriver> drivers = new ArrayList<>();
        LibvirtDriver a = lab.driver("a");
        LibvirtDriver b = lab.driver("b");
        drivers.add(a);
        drivers.add(b);
        FileMigrationJournal journal = new FileMigrationJournal(dir.resolve(instance.uuid() + ".journal"));
        String outcome;
        String recovery = "-";
        try {
            a.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
            LiveMigrationListener hit = new LiveMigrationListener() {
                @Override
                public void stepStarted(Step step, String host) {
                    if (step == Step.LIVE_MIGRATION) {
                        timer.schedule(() -> inject(inject, timer, fault, instance), offset, TimeUnit.MILLISECONDS);
                    }
                }
            };
            LiveMigrationResult r;
            try {
                r = LiveMigrationTask.builder(a, b).journal(journal).listener(hit).build()
                        .start(instance, NetworkInfo.none(), BlockDeviceInfo.none())
                        .await(Duration.ofMinutes(4)).orElseThrow(() -> new IllegalStateException("no end in 4 min"));
                outcome = r.outcome().kind() + "@" + r.outcome().host();
            } catch (RuntimeException e) {
                r = null;
                outcome = "THREW " + e.getClass().getSimpleName();
            }
            // whatever the fault did: the link back, both libvirtds running (a running one is restarted: guests stay)
            inject.link("b", true);
            inject.restartLibvirtd("a");
            inject.restartLibvirtd("b");
            LibvirtDriver newA = lab.driver("a");
            LibvirtDriver newB = lab.driver("b");
            drivers.add(newA);
            drivers.add(newB);
            List<MigrationRecovery.Report> reports = new MigrationRecovery(journal, List.of(
                    new MigrationRecovery.Site(newA, LibvirtHostProbe.of(newA)),
                    new MigrationRecovery.Site(newB, LibvirtHostProbe.of(newB))),
                    Clock.systemUTC(), Sleeper.system(), Duration.ofMinutes(2)).recover();
            if (!reports.isEmpty()) {
                recovery = reports.get(0).decision().action() + (reports.get(0).finished() ? "" : "(unfinished)");
            }
            boolean onA = GuestProbe.runsOn(newA, instance);
            boolean onB = GuestProbe.runsOn(newB, instance);
            // Killing the incoming QEMU after the switch-over kills the guest itself: it may then only be defined
            // (stopped) on the destination, which is where it belongs; any other fault must leave it running.
            boolean stoppedOnB = !onA && !onB && fault.equals("dest-qemu-kill") && newB.instanceExists(instance)
                    && !newA.instanceExists(instance);
            String truth = onA && onB ? "both" : onA ? "a" : onB ? "b" : stoppedOnB ? "b(stopped)" : "none";
            String verdict;
            if (stoppedOnB) {
                boolean clean = !GuestProbe.hasInstanceDir(newA, instance) && journal.unfinished().isEmpty();
                boolean named = r == null || r.outcome().kind().name().equals("NEEDS_RECOVERY")
                        || r.outcome().host().equals(newB.host());
                verdict = !clean ? "leftovers" : !named ? "wrong" : "ok";
            } else if (!onA && !onB) {
                verdict = "lost";
            } else if (onA && onB) {
                verdict = "twice";
            } else {
                LibvirtDriver keeper = onA ? newA : newB;
                LibvirtDriver other = onA ? newB : newA;
                boolean clean = !other.instanceExists(instance) && !GuestProbe.hasInstanceDir(other, instance)
                        && journal.unfinished().isEmpty()
                        && GuestProbe.serialGrows(keeper, instance, Duration.ofSeconds(10));
                boolean named = r == null || r.outcome().kind().name().equals("NEEDS_RECOVERY")
                        || r.outcome().host().equals(keeper.host());
                verdict = !clean ? "leftovers" : !named ? "wrong" : "ok";
            }
            return new Cell(outcome, recovery, truth, verdict, (System.nanoTime() - t0) / 1e9);
        } finally {
            GuestProbe.purge(instance, drivers.get(drivers.size() - 2), drivers.get(drivers.size() - 1));
            drivers.forEach(LibvirtDriver::close);
        }
    }

    private static void inject(LabFaults inject, ScheduledExecutorService timer, String fault, Instance instance) {
        try {
            switch (fault) {
                case "dest-libvirtd-kill" -> inject.killLibvirtd("b");
                case "source-libvirtd-restart" -> inject.restartLibvirtd("a");
                case "dest-link-cut" -> {
                    inject.link("b", false);
                    timer.schedule(() -> inject.link("b", true), 30, TimeUnit.SECONDS);
                }
                case "dest-qemu-kill" -> inject.killQemu("b", instance.name());
                default -> throw new IllegalArgumentException(fault);
            }
        } catch (RuntimeException e) {
            System.out.println("fault " + fault + " could not be injected: " + e.getMessage());
        }
    }
}
