package dev.novalibvirt.conformance.demo;

import dev.novalibvirt.cli.progress.MigrationFigures;
import dev.novalibvirt.cli.progress.Units;
import dev.novalibvirt.conformance.guest.BusyConsole;
import dev.novalibvirt.conformance.guest.Continuity;
import dev.novalibvirt.conformance.guest.GuestCounters;
import dev.novalibvirt.conformance.guest.HopLook;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.Step;
import dev.novalibvirt.migration.task.StepReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * One hop of the demo: the guest live-migrated through the whole contract ({@link LiveMigrationTask}), its steps
 * and the progress of {@code live_migration} printed as they happen, then checked without the library: its
 * heartbeat and disk counter going on on the destination with no gap in the stream ({@link BusyConsole}), and, at
 * the same time, virsh and the instance dirs on both hosts and the RBD image id ({@link HopLook}).
 */
final class HopRunner {
    /** The task's own deadline, after which it aborts the hop: an idle small guest's hop takes seconds. */
    static final Duration HOP_LIMIT = Duration.ofMinutes(2);
    /** How long the guest has to show a new heartbeat and disk counter on the destination (it writes both every second). */
    static final Duration ALIVE_WITHIN = Duration.ofSeconds(30);

    private final ContractLab lab;
    private final Instance instance;
    private final BusyConsole console;
    private final HopEvents events;
    private final DemoSettings settings;
    private final PrintWriter out;
    private final String imageId;

    HopRunner(ContractLab lab, Instance instance, BusyConsole console, HopEvents events, DemoSettings settings,
              PrintWriter out, String imageId) {
        this.lab = lab;
        this.instance = instance;
        this.console = console;
        this.events = events;
        this.settings = settings;
        this.out = out;
        this.imageId = imageId;
    }

    /** Hop {@code number}, printed as it goes; never throws for a hop that fails, it is in the record. */
    HopRecord run(int number, DemoHost from, DemoHost to) {
        StepLines.print(out, List.of("", "hop " + number + "/" + settings.hops() + ": " + from.driver().host() + " -> "
                + to.driver().host()));
        GuestCounters before = console.counters();
        MigrationFigures figures = new MigrationFigures();
        HopProgress progress = new HopProgress(out, settings.redraw(), settings.width());
        StepLines steps = new StepLines(out, settings.width(), console.sourceTail());
        long t0 = System.nanoTime();
        LiveMigrationResult result = null;
        String threw = null;
        events.hear(figures.andThen(progress));
        try {
            result = LiveMigrationTask.builder(from.driver(), to.driver()).timeout(HOP_LIMIT).listener(steps).build()
                    .run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        } catch (RuntimeException e) {
            // a pre-check's refusal or pre_live_migration's failure: the guest stays on the source
            threw = e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            events.hearNothing();
            progress.finish();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        boolean completed = result != null && result.completed();
        long downtime = completed ? figures.downtimeMs() : -1;
        printSteps(steps.take(), figures, downtime);
        Duration live = result == null ? Duration.ZERO : result.durationOf(Step.LIVE_MIGRATION);
        String outcome = threw != null ? "the task threw " + threw : describe(result);
        if (!completed) {
            StepLines.print(out, StepLines.lines("guest", List.of("not migrated: " + outcome), settings.width()));
            return new HopRecord(number, from.letter(), to.letter(), false, outcome, took, live, -1, before, before,
                    List.of(), List.of());
        }
        CompletableFuture<HopLook> look = CompletableFuture.supplyAsync(
                () -> HopLook.of(lab, instance, from.letter(), to.letter()));
        Continuity serial = console.goesOn(to.driver().instanceDirs().consoleLog(instance.uuid()), to.driver().host(),
                ALIVE_WITHIN);
        List<String> placeProblems = new ArrayList<>();
        List<String> where = new ArrayList<>();
        try {
            HopLook hosts = look.join();
            placeProblems.addAll(hosts.problems(imageId));
            where.addAll(hosts.summary(imageId));
        } catch (CompletionException e) {
            placeProblems.add("virsh: " + e.getCause().getMessage());
            where.add("virsh failed: " + e.getCause().getMessage());
        }
        HopRecord hop = new HopRecord(number, from.letter(), to.letter(), true, outcome, took, live, downtime, before,
                serial.after(), serial.problems(), placeProblems);
        List<String> phrases = new ArrayList<>(HopSummary.continuity(hop));
        phrases.addAll(where);
        StepLines.print(out, StepLines.lines("guest", phrases, settings.width()));
        return hop;
    }

    /** The steps after those printed as live_migration started: live_migration with its figures, then the rest. */
    private void printSteps(List<StepReport> reports, MigrationFigures figures, long downtime) {
        List<String> pre = new ArrayList<>();
        List<String> live = new ArrayList<>();
        List<String> post = new ArrayList<>();
        for (StepReport r : reports) {
            int order = r.step().compareTo(Step.LIVE_MIGRATION);
            (order < 0 ? pre : order == 0 ? live : post).add(StepLines.item(r));
        }
        if (!live.isEmpty() && downtime >= 0) {
            live.add("downtime " + HopSummary.downtime(downtime));
            live.add(Units.bytes(figures.bytes()) + " transferred");
        }
        List<String> lines = new ArrayList<>(StepLines.lines("pre", pre, settings.width()));
        lines.addAll(StepLines.lines("live", live, settings.width()));
        lines.addAll(StepLines.lines("post", post, settings.width()));
        StepLines.print(out, lines);
    }

    private static String describe(LiveMigrationResult r) {
        String failed = r.steps().stream().filter(s -> s.error() != null)
                .map(s -> s.step() + " on " + s.host() + ": " + s.error()).collect(Collectors.joining(", "));
        return r.outcome().kind() + (r.status() == null ? "" : ", status " + r.status().novaName())
                + (failed.isEmpty() ? "" : ", failed steps: " + failed);
    }
}
