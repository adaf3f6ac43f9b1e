package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.CliConfig;
import dev.novalibvirt.cli.config.CliUsageException;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.cli.port.GuestInventory;
import dev.novalibvirt.cli.port.MigrationEnds;
import dev.novalibvirt.cli.port.MigrationJob;
import dev.novalibvirt.cli.port.RunningMigrations;
import dev.novalibvirt.cli.port.Services;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.NoActiveMigrationForInstance;
import dev.novalibvirt.migration.uri.MigrationUris;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code migrate INSTANCE --to HOST}: Nova's live migration of one guest through the library's own path
 * ({@code LiveMigrationTask} between two {@code LibvirtDriver}s, journaled to a file so that a crash can be
 * recovered), ending with the typed outcome; {@code --abort} and {@code --force-complete} act on a migration that is
 * running (Nova's {@code live_migration_abort} / {@code live_migration_force_complete}), from any process: the
 * {@code LiveMigrationHandle} of the migrating process is not at hand here, so they go to libvirt's job on the
 * source domain ({@code virDomainAbortJob}; for force-complete what Nova's monitor does, {@link ForceCompleteStep}:
 * the post-copy switch when post-copy is permitted, else {@code virDomainSuspend}).
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Live-migrate a guest to another host (--to), or abort / force-complete its running migration.",
        footer = {"", "Exit codes: 0 completed (or abort/force-complete accepted), 1 failure (refused by a pre-check, "
                + "no running migration...), 2 usage or configuration, 3 rolled back (the guest is on the source: it "
                + "runs, or the remedy printed says what it needs), 4 needs recovery (see the journal)."})
final class MigrateCommand extends CliCommand {
    /** Where the journals go unless {@code --journal} says otherwise. */
    static final Path DEFAULT_JOURNAL_DIR = Path.of("/var/lib/nova-libvirt/journal");

    @Parameters(paramLabel = "INSTANCE", description = "the domain name or uuid, on the source host")
    String instance;

    @ArgGroup(multiplicity = "1")
    Action action = new Action();

    /** Exactly one of these. */
    static final class Action {
        @Option(names = "--to", paramLabel = "HOST", required = true,
                description = "migrate to HOST (a compute host's name, as Nova's [DEFAULT] host)")
        String to;

        @Option(names = "--abort", required = true, description = "abort the migration running from the source")
        boolean abort;

        @Option(names = "--force-complete", required = true,
                description = "make the running migration converge: switch it to post-copy when nova.conf permits "
                        + "post-copy (live_migration_permit_post_copy), else pause the guest until the copy completes")
        boolean forceComplete;
    }

    @Option(names = "--from", paramLabel = "HOST",
            description = "the source host (default: this host, nova.conf's [DEFAULT] host and connection_uri)")
    String from;

    @Option(names = "--from-config-file", paramLabel = "PATH",
            description = "the source's nova.conf, when --from names another host (default: this one's, host replaced)")
    Path fromConfigFile;

    @Option(names = "--to-config-file", paramLabel = "PATH",
            description = "the destination's nova.conf (default: this one's, host replaced)")
    Path toConfigFile;

    @Option(names = "--journal", paramLabel = "DIR", defaultValue = "/var/lib/nova-libvirt/journal",
            description = "where the migration's journal is written, <uuid>.journal (default: ${DEFAULT-VALUE})")
    Path journalDir = DEFAULT_JOURNAL_DIR;

    @Option(names = "--progress", negatable = true,
            description = "draw the progress bar (default: when stdout is a terminal; never with --json)")
    Boolean progress;

    @Option(names = "--progress-width", paramLabel = "COLUMNS", hidden = true,
            description = "the width of the progress line (default: $COLUMNS, else 80)")
    Integer progressWidth;

    MigrateCommand(Services services) {
        super(services);
    }

    @Override
    Report execute(CliConfig config) {
        // every name is checked before anything is opened
        Optional<String> fromHost = Optional.ofNullable(from).map(MigrationUris::requireValidHostname);
        String sourceHost = fromHost.orElse(config.nova().defaults().host());
        String sourceUri = config.libvirtUri(fromHost, Optional.empty());
        if (action.to != null) {
            return migrate(config, sourceHost, sourceUri, fromHost);
        }
        return onRunningJob(config, sourceHost, sourceUri);
    }

    private Report migrate(CliConfig config, String sourceHost, String sourceUri, Optional<String> fromHost) {
        String to = MigrationUris.requireValidHostname(action.to);
        if (to.equals(sourceHost)) {
            throw new CliUsageException("--to " + to + " is the source host; name another compute host");
        }
        NovaConfig sourceConfig = fromHost.isEmpty() ? config.nova()
                : fromConfigFile != null ? CliConfig.load(fromConfigFile).nova()
                : config.peer(sourceHost, "--from-config-file");
        NovaConfig destConfig = toConfigFile != null ? CliConfig.load(toConfigFile).nova()
                : config.peer(to, "--to-config-file");
        requireHost(sourceConfig, sourceHost, "--from-config-file");
        requireHost(destConfig, to, "--to-config-file");
        Path journal = JournalDir.prepare(journalDir);
        MigrationEnds ends = new MigrationEnds(sourceHost, sourceUri, sourceConfig, to,
                config.libvirtUri(Optional.of(to), Optional.empty()), destConfig);
        Instance inst;
        try (GuestInventory inventory = services.guests(config, sourceUri, true)) {
            inst = MigratingInstance.of(MigratingInstance.find(inventory, instance, sourceHost),
                    sourceConfig.libvirt().imagesRbdPool());
        }
        int bar = Terminal.progress(progress, common.json) ? Terminal.width(progressWidth) : 0;
        return new MigrationRun(services, ends, journal, bar).run(inst, spec.commandLine().getOut());
    }

    private static String detail(ForceCompleteStep step, GuestDefinition guest) {
        return switch (step) {
            case SWITCH_TO_POST_COPY -> "the guest runs on the destination now, its memory pulled from the source "
                    + "(live_migration_permit_post_copy); the migrating process ends as the job ends";
            case PAUSE -> "the guest is paused so that the copy converges; libvirt resumes it on the destination. "
                    + "Should the migration fail, resume it on the source (virsh resume " + guest.name() + ")";
            case ALREADY_POST_COPY -> "the migration runs in post-copy already; nothing to do";
        };
    }

    private static void requireHost(NovaConfig nova, String host, String option) {
        if (!nova.defaults().host().equals(host)) {
            throw new CliUsageException("the nova.conf given with " + option + " is " + nova.defaults().host()
                    + "'s ([DEFAULT] host), not " + host + "'s");
        }
    }

    /** {@code --abort} / {@code --force-complete}: the job libvirt runs for the domain on the source host. */
    private Report onRunningJob(CliConfig config, String sourceHost, String sourceUri) {
        // the source's options decide, as they decided the job's flags: --from-config-file, else this host's
        boolean permitPostCopy = (fromConfigFile != null ? CliConfig.load(fromConfigFile).nova() : config.nova())
                .libvirt().liveMigrationPermitPostCopy();
        GuestDefinition guest;
        try (GuestInventory inventory = services.guests(config, sourceUri, true)) {
            guest = MigratingInstance.find(inventory, instance, sourceHost);
        }
        try (RunningMigrations jobs = services.runningMigrations(sourceUri)) {
            MigrationJob job = jobs.job(guest.name());
            if (!guest.active() || !job.running()) {
                throw new NoActiveMigrationForInstance("No active migration for instance " + guest.uuid() + " ("
                        + guest.name() + ") on " + sourceHost + " (" + sourceUri + ")");
            }
            if (action.abort) {
                jobs.abortJob(guest.name());
                return new MigrationJobResult("abort", guest.name(), guest.uuid(), sourceHost, jobs.uri(),
                        "virDomainAbortJob", job.elapsedMs(), job.dataProcessed(), job.dataRemaining(),
                        "libvirt cancels the job; the migrating process rolls back (the guest stays on "
                                + sourceHost + ") and exits 3");
            }
            ForceCompleteStep step = ForceCompleteStep.decide(permitPostCopy, jobs.phase(guest.name()));
            switch (step) {
                case SWITCH_TO_POST_COPY -> jobs.startPostCopy(guest.name());
                case PAUSE -> jobs.pause(guest.name());
                case ALREADY_POST_COPY -> { } // Nova only warns
            }
            return new MigrationJobResult("force_complete", guest.name(), guest.uuid(), sourceHost, jobs.uri(),
                    step.libvirtCall(), job.elapsedMs(), job.dataProcessed(), job.dataRemaining(), detail(step, guest));
        }
    }
}
