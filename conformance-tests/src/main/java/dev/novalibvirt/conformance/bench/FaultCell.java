package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.agent.VirshLook;
import dev.novalibvirt.conformance.lab.LabFaults;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.driver.LibvirtHostProbe;
import dev.novalibvirt.migration.task.LiveMigrationHandle;
import dev.novalibvirt.migration.task.LiveMigrationListener;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.MigrationRecovery;
import dev.novalibvirt.migration.task.Sleeper;
import dev.novalibvirt.migration.task.Step;
import dev.novalibvirt.migration.task.journal.FileMigrationJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

/**
 * One cell of the fault matrix: a boot-sector guest on an RBD disk spawned on host-a migrates to host-b through
 * {@link LiveMigrationTask} with a file journal; the fault hits {@code offsetMs} after {@code live_migration}
 * starts; the lab is brought back, {@code recover()} runs on the journal with fresh drivers, and the truth is read
 * without the library (virsh, the instance dirs, rbd, the serial log) and judged by {@link FaultVerdict}. A guest
 * stopped where that is allowed ({@link FaultVerdict#mayBeStopped}) is started there with virsh; then a follow-up
 * migration must complete. A {@code controller-kill} cell migrates in a child JVM instead ({@link KilledController})
 * and is judged by the outcome recovery reported ({@link RecoveredOutcome}).
 */
final class FaultCell {
    private static final Duration MIGRATION_LIMIT = Duration.ofMinutes(5);

    /** What a cell printed. */
    record Result(String injected, String outcome, String recovery, String truth, String verdict, double seconds) {
    }

    private final ContractLab lab;
    private final LabFaults faults;
    private final ScheduledExecutorService timer;
    private final Path journalDir;
    private final KilledController killedController;

    FaultCell(ContractLab lab, LabFaults faults, ScheduledExecutorService timer, Path journalDir) {
        this.lab = lab;
        this.faults = faults;
        this.timer = timer;
        this.journalDir = journalDir;
        this.killedController = new KilledController(lab);
    }

    Result run(FaultClass fault, long offsetMs) throws InterruptedException {
        long t0 = System.nanoTime();
        Instance instance = lab.newInstance("faults");
        List<LibvirtDriver> drivers = new ArrayList<>();
        FaultInjection injection = new FaultInjection(fault, faults, instance, timer);
        String outcome = "-";
        String recovery = "-";
        String truth = "?";
        try {
            LibvirtDriver a = open(drivers, "a");
            LibvirtDriver b = open(drivers, "b");
            a.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
            String image = VirshLook.rootDiskId(lab, instance);
            Set<String> secrets = secrets();
            FileMigrationJournal journal = new FileMigrationJournal(journalDir.resolve(instance.uuid() + ".journal"));
            LiveMigrationListener hit = new LiveMigrationListener() {
                @Override
                public void stepStarted(Step step, String host) {
                    if (step == Step.LIVE_MIGRATION) {
                        injection.schedule(offsetMs);
                    }
                }
            };
            LiveMigrationResult r = null;
            KilledController.Run killed = null;
            if (fault == FaultClass.CONTROLLER_KILL) {
                killed = killedController.migrate(instance, journal.file(), injection, offsetMs);
                outcome = killed.summary();
            } else {
                try {
                    LiveMigrationHandle h = LiveMigrationTask.builder(a, b).journal(journal).listener(hit).build()
                            .start(instance, NetworkInfo.none(), BlockDeviceInfo.none());
                    injection.handle(h);
                    r = h.await(MIGRATION_LIMIT).orElseThrow(() -> new IllegalStateException("no end in "
                            + MIGRATION_LIMIT.toMinutes() + " min"));
                    outcome = r.outcome().kind() + "@" + r.outcome().host()
                            + (r.status() == null ? "" : "(" + r.status().novaName() + ")")
                            + (r.outcome() instanceof LiveMigrationOutcome.RolledBack rb && !rb.asBefore()
                                    ? " " + rb.powerState() : "");
                } catch (RuntimeException e) {
                    outcome = "THREW " + e.getClass().getSimpleName();
                }
            }
            injection.bringBack();
            LibvirtDriver newA = open(drivers, "a");
            LibvirtDriver newB = open(drivers, "b");
            List<MigrationRecovery.Report> reports = new MigrationRecovery(journal, List.of(
                    new MigrationRecovery.Site(newA, LibvirtHostProbe.of(newA)),
                    new MigrationRecovery.Site(newB, LibvirtHostProbe.of(newB))),
                    Clock.systemUTC(), Sleeper.system(), Duration.ofMinutes(2)).recover();
            if (!reports.isEmpty()) {
                recovery = reports.get(0).decision().action() + (reports.get(0).finished() ? "" : "(unfinished)");
            }
            LiveMigrationOutcome said = r == null ? null : r.outcome();
            if (killed != null) {
                // no task returned: the outcome is the one recovery reported
                said = RecoveredOutcome.of(reports, killed.controllerSaid(),
                        host -> host.equals(newA.host()) ? stateOn(newA, instance)
                                : host.equals(newB.host()) ? stateOn(newB, instance) : null);
                outcome = outcome + "; " + RecoveredOutcome.label(said);
            }
            FaultVerdict.Look lookA = look("a", instance);
            FaultVerdict.Look lookB = look("b", instance);
            truth = FaultVerdict.truth(lookA, lookB);
            var keeper = FaultVerdict.keeper(lookA, lookB);
            LibvirtDriver keeperDriver = keeper.map(k -> k.letter().equals("a") ? newA : newB).orElse(null);
            Boolean alive = null;
            Boolean restarted = null;
            if (keeper.isPresent() && keeper.get().running()) {
                alive = GuestProbe.serialGrows(keeperDriver, instance, Duration.ofSeconds(10));
            } else if (keeper.isPresent() && !keeper.get().paused()
                    && FaultVerdict.mayBeStopped(fault, said, keeper.get())) {
                restarted = startsAgain(keeper.get().letter(), keeperDriver, instance);
            }
            boolean imageSame = image != null && image.equals(VirshLook.rootDiskId(lab, instance));
            boolean secretsSame = secrets.equals(secrets());
            FaultVerdict.Facts facts = new FaultVerdict.Facts(fault, injection.what(), said,
                    lookA, lookB, journal.unfinished().isEmpty(), secretsSame, imageSame, alive, restarted, null);
            Boolean followUp = null;
            if (FaultVerdict.judge(facts).equals("followup")) { // every other invariant holds
                boolean onA = keeperDriver == newA;
                followUp = followUp(keeperDriver, onA ? newB : newA, onA ? "b" : "a", instance);
            }
            String verdict = FaultVerdict.judge(new FaultVerdict.Facts(fault, facts.injected(), facts.outcome(),
                    lookA, lookB, facts.journalClosed(), secretsSame, imageSame, alive, restarted, followUp));
            return new Result(injection.what(), outcome, recovery, truth, verdict, seconds(t0));
        } catch (RuntimeException e) {
            System.out.println("cell " + fault.label() + " @" + offsetMs + " ms failed: " + e);
            return new Result(injection.what(), outcome, recovery, truth, "error", seconds(t0));
        } finally {
            try {
                injection.afterCell();
            } catch (RuntimeException e) {
                System.out.println("could not undo " + fault.label() + ": " + FaultInjection.firstLine(e.getMessage()));
            }
            cleanUp(instance, drivers);
        }
    }

    private LibvirtDriver open(List<LibvirtDriver> drivers, String letter) {
        LibvirtDriver d = lab.driver(letter);
        drivers.add(d);
        return d;
    }

    /** The guest's power state on {@code host} as its driver reads it; null when it cannot be read. */
    private static PowerState stateOn(LibvirtDriver host, Instance instance) {
        try {
            return host.getInfo(instance).state();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private FaultVerdict.Look look(String letter, Instance instance) {
        VirshLook v = VirshLook.of(lab, letter, instance);
        return new FaultVerdict.Look(letter, v.state(), v.dir());
    }

    /** {@code virsh start} where the guest stopped, then its serial output must grow. */
    private boolean startsAgain(String letter, LibvirtDriver host, Instance instance) {
        ContractLab.Run start = ContractLab.run(Duration.ofSeconds(60), "virsh", "-c", lab.hostValue(letter, "URI"),
                "start", instance.name());
        if (start.exitCode() != 0) {
            System.out.println("virsh start " + instance.name() + " on host-" + letter + ": " + start.output().strip());
            return false;
        }
        return GuestProbe.serialGrows(host, instance, Duration.ofSeconds(15));
    }

    /** A plain migration from where the guest is to the other host; it must complete and run there (virsh). */
    private boolean followUp(LibvirtDriver from, LibvirtDriver to, String toLetter, Instance instance) {
        try {
            LiveMigrationResult again = LiveMigrationTask.builder(from, to).build()
                    .run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
            return again.completed() && look(toLetter, instance).running();
        } catch (RuntimeException e) {
            System.out.println("follow-up migration " + from.host() + " -> " + to.host() + " failed: " + e);
            return false;
        }
    }

    /** The uuids of both hosts' libvirt secrets (virsh secret-list). */
    private Set<String> secrets() {
        Set<String> all = new TreeSet<>();
        for (String letter : List.of("a", "b")) {
            ContractLab.Run r = ContractLab.run(Duration.ofSeconds(30), "virsh", "-q", "-c",
                    lab.hostValue(letter, "URI"), "secret-list");
            if (r.exitCode() != 0) {
                throw new IllegalStateException("virsh secret-list on host-" + letter + ": " + r.output().strip());
            }
            all.addAll(r.output().lines().map(String::strip).filter(l -> !l.isEmpty())
                    .map(l -> letter + ":" + l.split("\\s+")[0]).collect(Collectors.toSet()));
        }
        return all;
    }

    /** Every trace of the guest goes, through drivers opened now (the cell's may talk to a dead libvirtd). */
    private void cleanUp(Instance instance, List<LibvirtDriver> drivers) {
        try {
            GuestProbe.purge(instance, open(drivers, "a"), open(drivers, "b"));
        } catch (RuntimeException e) {
            System.out.println("cleanup of " + instance.name() + " failed: " + e.getMessage());
        } finally {
            drivers.forEach(d -> {
                try {
                    d.close();
                } catch (RuntimeException e) {
                    // a driver of a libvirtd that went away
                }
            });
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
