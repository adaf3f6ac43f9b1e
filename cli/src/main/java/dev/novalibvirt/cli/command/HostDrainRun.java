package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.port.DrainDrivers;
import dev.novalibvirt.cli.port.DrainEnds;
import dev.novalibvirt.cli.port.Services;
import dev.novalibvirt.cli.progress.DrainFigures;
import dev.novalibvirt.cli.progress.DrainPrinter;
import dev.novalibvirt.cli.progress.MigrationFigures;
import dev.novalibvirt.migration.drain.DrainCaps;
import dev.novalibvirt.migration.drain.DrainHandle;
import dev.novalibvirt.migration.drain.DrainResult;
import dev.novalibvirt.migration.drain.GuestOutcome;
import dev.novalibvirt.migration.drain.GuestResult;
import dev.novalibvirt.migration.drain.HostDrain;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.journal.FileMigrationJournal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One {@code drain}: the drivers from {@link Services#drainDrivers}, a {@link HostDrain} under the caps with one
 * {@link FileMigrationJournal} ({@code <journal dir>/drain-<host>.journal}, appended per migration), polled until
 * every guest has ended; the source monitor's events into {@link DrainFigures} and, when asked, the
 * {@link DrainPrinter}.
 */
final class HostDrainRun {
    private final Services services;
    private final DrainEnds ends;
    private final DrainCaps caps;
    private final Path journalDir;
    private final Duration pollInterval;

    HostDrainRun(Services services, DrainEnds ends, DrainCaps caps, Path journalDir, Duration pollInterval) {
        this.services = services;
        this.ends = ends;
        this.caps = caps;
        this.journalDir = journalDir;
        this.pollInterval = pollInterval;
    }

    /**
     * Drains {@code guests.toMove()} and waits for every guest's end.
     *
     * @param barWidth the progress bars' width; 0 prints no progress
     */
    DrainReport run(DrainGuests guests, PrintWriter out, int barWidth) {
        DrainFigures figures = new DrainFigures();
        int total = guests.toMove().size();
        DrainPrinter printer = barWidth > 0 ? new DrainPrinter(out, guests.names(), figures, total, barWidth) : null;
        MigrationListener listener = printer == null ? figures : figures.andThen(printer);
        FileMigrationJournal journal = new FileMigrationJournal(
                journalDir.resolve("drain-" + ends.source().name() + ".journal"));
        DrainResult result;
        try (DrainDrivers drivers = services.drainDrivers(ends, listener)) {
            HostDrain drain = HostDrain.builder(drivers.source()).destinations(drivers.destinations())
                    .guests(guests.toMove()).caps(caps).journal(journal).build();
            if (printer != null) {
                out.println("Draining " + ends.source().name() + ": " + total + (total == 1 ? " guest" : " guests")
                        + " to " + ends.destinations().stream().map(DrainEnds.Host::name)
                        .collect(Collectors.joining(", ")));
                out.flush();
            }
            DrainHandle handle = drain.start();
            Optional<DrainResult> end;
            while ((end = handle.await(pollInterval)).isEmpty()) {
                if (printer != null) {
                    printer.update(handle.progress());
                }
            }
            result = end.get();
            if (printer != null) {
                printer.finish(result);
            }
        }
        List<DrainReport.Guest> rows = new ArrayList<>();
        for (GuestResult g : result.guests()) {
            rows.add(row(g, guests.names().get(g.uuid()), figures.of(guests.names().get(g.uuid()))));
        }
        rows.addAll(guests.refused());
        return new DrainReport(ends.source().name(), ends.destinations().stream().map(DrainEnds.Host::name).toList(),
                new DrainReport.Caps(caps.maxPerSource(), caps.maxPerCluster(), caps.maxInboundPerDestination()),
                result.total().toMillis(), rows, guests.notRunning(), journal.file().toString());
    }

    /** The steps left, or what a rollback that did not leave the guest as before needs; else null. */
    private static String detail(LiveMigrationOutcome o) {
        if (o instanceof LiveMigrationOutcome.NeedsRecovery n) {
            return "steps left: " + n.pending().stream()
                    .map(p -> p.step().name() + " on " + p.host() + " (" + p.reason() + ")")
                    .collect(Collectors.joining("; "));
        }
        if (o instanceof LiveMigrationOutcome.RolledBack rb && !rb.asBefore()) {
            return "power state " + rb.powerState() + "; to do: " + rb.remedy();
        }
        return null;
    }

    private DrainReport.Guest row(GuestResult g, String name, MigrationFigures f) {
        String source = ends.source().name();
        long bytes = f.bytes();
        if (g.outcome() instanceof GuestOutcome.Migrated m) {
            LiveMigrationResult r = m.result();
            LiveMigrationOutcome o = r.outcome();
            boolean completed = o.kind() == LiveMigrationOutcome.Kind.COMPLETED;
            String detail = detail(o);
            return new DrainReport.Guest(name, g.uuid(), g.state().name(), g.destination(), o.host(),
                    r.status() == null ? null : r.status().novaName(), r.total().toMillis(),
                    completed && f.downtimeMs() >= 0 ? f.downtimeMs() : null, bytes < 0 ? null : bytes,
                    r.migrationId(), detail);
        }
        String detail = g.outcome() instanceof GuestOutcome.Refused refused
                ? refused.refusal().getClass().getSimpleName() + ": " + CliCommand.oneLine(refused.refusal())
                : ((GuestOutcome.Skipped) g.outcome()).reason();
        // refused or skipped: nothing moved, the guest runs on the source
        return new DrainReport.Guest(name, g.uuid(), g.state().name(), g.destination(), source, null, null, null,
                null, null, detail);
    }
}
