package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.port.MigrationDrivers;
import dev.novalibvirt.cli.port.MigrationEnds;
import dev.novalibvirt.cli.port.Services;
import dev.novalibvirt.cli.progress.MigrationFigures;
import dev.novalibvirt.cli.progress.ProgressPrinter;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.journal.FileMigrationJournal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code migrate}: the two drivers from {@link Services#migrationDrivers}, a {@link LiveMigrationTask} with a
 * {@link FileMigrationJournal} ({@code <journal dir>/<uuid>.journal}, appended per migration), the source monitor's
 * events into {@link MigrationFigures} and, on a terminal, the {@link ProgressPrinter}.
 */
final class MigrationRun {
    private final Services services;
    private final MigrationEnds ends;
    private final Path journalDir;
    private final int barWidth;

    /** @param barWidth the progress line's width; 0 draws none */
    MigrationRun(Services services, MigrationEnds ends, Path journalDir, int barWidth) {
        this.services = services;
        this.ends = ends;
        this.journalDir = journalDir;
        this.barWidth = barWidth;
    }

    /**
     * Migrates {@code instance} and waits for the end.
     *
     * @throws dev.novalibvirt.core.exception.NovaException a pre-check's refusal or pre_live_migration's failure
     *                                                      (nothing is left on either host)
     */
    MigrateResult run(Instance instance, PrintWriter out) {
        MigrationFigures figures = new MigrationFigures();
        ProgressPrinter printer = barWidth > 0 ? new ProgressPrinter(out, barWidth) : null;
        MigrationListener listener = printer == null ? figures : figures.andThen(printer);
        FileMigrationJournal journal = new FileMigrationJournal(journalDir.resolve(instance.uuid() + ".journal"));
        try (MigrationDrivers drivers = services.migrationDrivers(ends, listener)) {
            LiveMigrationResult result = LiveMigrationTask.builder(drivers.source(), drivers.destination())
                    .journal(journal).build().run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
            return result(instance, result, figures, journal);
        } finally {
            if (printer != null) {
                printer.finish();
            }
        }
    }

    private MigrateResult result(Instance instance, LiveMigrationResult r, MigrationFigures figures,
                                 FileMigrationJournal journal) {
        LiveMigrationOutcome o = r.outcome();
        List<MigrateResult.Pending> pending = o instanceof LiveMigrationOutcome.NeedsRecovery n
                ? n.pending().stream().map(p -> new MigrateResult.Pending(p.step().name(), p.host(), p.reason()))
                        .toList()
                : List.of();
        // only a rollback that did not leave the guest as before has a power state and a remedy worth printing
        LiveMigrationOutcome.RolledBack down = o instanceof LiveMigrationOutcome.RolledBack rb && !rb.asBefore()
                ? rb : null;
        long downtime = o.kind() == LiveMigrationOutcome.Kind.COMPLETED ? figures.downtimeMs() : -1;
        long bytes = figures.bytes();
        return new MigrateResult(instance.name(), instance.uuid(), ends.sourceHost(), ends.destinationHost(),
                o.kind().name(), r.status() == null ? null : r.status().novaName(),
                o.host(), r.migrationId(), r.total().toMillis(), downtime < 0 ? null : downtime,
                bytes < 0 ? null : bytes, down == null ? null : down.powerState().name(),
                down == null ? null : down.remedy(), pending, journal.file().toString());
    }
}
