package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.CliConfig;
import dev.novalibvirt.cli.config.CliUsageException;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.port.DrainEnds;
import dev.novalibvirt.cli.port.GuestInventory;
import dev.novalibvirt.cli.port.Services;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.migration.drain.DrainCaps;
import dev.novalibvirt.migration.uri.MigrationUris;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drain HOST --to HOST...}: live-migrates every running guest off HOST through the library's
 * {@code HostDrain} (one {@code LiveMigrationTask} each, journaled), under Nova's per-source cap
 * ({@code max_concurrent_live_migrations}, from nova.conf unless given), a per-cluster cap and an optional inbound
 * cap per destination; the destination of each guest is the least loaded of the {@code --to} hosts (a drain has no
 * scheduler). Nova's nearest is {@code nova host-evacuate-live HOST}: one live migration per server of the host.
 */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = "Live-migrate every running guest off HOST to the --to hosts, a few at a time.",
        footer = {"", "Exit codes: 0 every guest moved (or none runs on HOST), 1 the drain could not start (a host "
                + "cannot be reached...), 2 usage or configuration, 3 some guests did not move (each rolled back, "
                + "refused or skipped: it is on HOST, nothing is left to do unless its row names a remedy), 4 some "
                + "guest needs recovery (see the journal)."})
final class DrainCommand extends CliCommand {
    @Parameters(paramLabel = "HOST",
            description = "the host to empty (a compute host's name, as Nova's [DEFAULT] host)")
    String host;

    @Option(names = "--to", paramLabel = "HOST", required = true, split = ",",
            description = "a host the guests may go to; repeat it or separate hosts with commas")
    List<String> to = new ArrayList<>();

    @Option(names = "--only", paramLabel = "NAME", split = ",",
            description = "drain only these guests (domain names or uuids) of HOST, in HOST's listing order")
    List<String> only = new ArrayList<>();

    @Option(names = "--max-per-source", paramLabel = "N",
            description = "migrations leaving HOST at once (default: nova.conf's [DEFAULT] "
                    + "max_concurrent_live_migrations, 1 unless set; 0 unlimited)")
    Integer maxPerSource;

    @Option(names = "--max-per-cluster", paramLabel = "N", defaultValue = "5",
            description = "migrations running at once in all (default: ${DEFAULT-VALUE}, KubeVirt's "
                    + "parallelMigrationsPerCluster; 0 unlimited)")
    int maxPerCluster = DrainCaps.KUBEVIRT_PARALLEL_MIGRATIONS_PER_CLUSTER;

    @Option(names = "--max-inbound", paramLabel = "N", defaultValue = "0",
            description = "migrations arriving at one destination at once (default: ${DEFAULT-VALUE}, unlimited)")
    int maxInbound;

    @Option(names = "--journal", paramLabel = "DIR", defaultValue = "/var/lib/nova-libvirt/journal",
            description = "where the migrations' journal is written, drain-<HOST>.journal (default: ${DEFAULT-VALUE})")
    Path journalDir = MigrateCommand.DEFAULT_JOURNAL_DIR;

    @Option(names = "--progress", negatable = true,
            description = "print each guest's progress (default: when stdout is a terminal; never with --json)")
    Boolean progress;

    @Option(names = "--progress-width", paramLabel = "COLUMNS", hidden = true,
            description = "the width of the progress bars (default: $COLUMNS, else 80)")
    Integer progressWidth;

    @Option(names = "--poll-ms", paramLabel = "MS", hidden = true, defaultValue = "1000",
            description = "how often the drain's progress is read (default: ${DEFAULT-VALUE})")
    long pollMs = 1000;

    DrainCommand(Services services) {
        super(services);
    }

    @Override
    Report execute(CliConfig config) {
        // every name and number is checked before anything is opened
        String source = MigrationUris.requireValidHostname(host);
        List<String> destinations = ToHosts.of(to, source, "drained");
        boolean local = source.equals(config.nova().defaults().host());
        NovaConfig sourceConfig = local ? config.nova() : config.peer(source, "--config-file");
        DrainCaps caps = caps(sourceConfig);
        if (pollMs <= 0) {
            throw new CliUsageException("--poll-ms " + pollMs + ": expected a positive number of milliseconds");
        }
        List<DrainEnds.Host> dests = new ArrayList<>();
        for (String d : destinations) {
            dests.add(new DrainEnds.Host(d, config.libvirtUri(Optional.of(d), Optional.empty()),
                    config.peer(d, "a nova.conf of its own (drain takes none yet; migrate --to-config-file does)")));
        }
        String sourceUri = config.libvirtUri(local ? Optional.empty() : Optional.of(source), Optional.empty());
        Path journal = JournalDir.prepare(journalDir);
        DrainEnds ends = new DrainEnds(new DrainEnds.Host(source, sourceUri, sourceConfig), dests);

        DrainGuests guests;
        try (GuestInventory inventory = services.guests(config, sourceUri, true)) {
            guests = DrainGuests.of(GuestSelection.of(inventory.guests(Optional.empty()), only, source,
                    sourceConfig.libvirt().imagesRbdPool()), source);
        }
        if (guests.toMove().isEmpty()) {
            // nothing to migrate: no driver is opened, no journal written
            return new DrainReport(source, destinations, new DrainReport.Caps(caps.maxPerSource(),
                    caps.maxPerCluster(), caps.maxInboundPerDestination()), 0, guests.refused(), guests.notRunning(),
                    null);
        }
        int bar = Terminal.progress(progress, common.json) ? Terminal.width(progressWidth) : 0;
        return new HostDrainRun(services, ends, caps, journal, Duration.ofMillis(pollMs))
                .run(guests, spec.commandLine().getOut(), bar);
    }

    private DrainCaps caps(NovaConfig sourceConfig) {
        int perSource = maxPerSource != null ? maxPerSource : sourceConfig.defaults().maxConcurrentLiveMigrations();
        requireCap("--max-per-source", perSource);
        requireCap("--max-per-cluster", maxPerCluster);
        requireCap("--max-inbound", maxInbound);
        return new DrainCaps(perSource, maxPerCluster, maxInbound);
    }

    private static void requireCap(String option, int value) {
        if (value < 0) {
            throw new CliUsageException(option + " " + value + ": expected 0 (unlimited) or a positive number of "
                    + "migrations");
        }
    }
}
