package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.CliConfig;
import dev.novalibvirt.cli.config.CliUsageException;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.port.DrainEnds;
import dev.novalibvirt.cli.port.EvacuationHosts;
import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.cli.port.GuestInventory;
import dev.novalibvirt.cli.port.Services;
import dev.novalibvirt.cli.progress.EvacuationPrinter;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.migration.evacuate.EvacuatedHostCleanup;
import dev.novalibvirt.migration.evacuate.EvacuationJournal;
import dev.novalibvirt.migration.evacuate.EvacuationListener;
import dev.novalibvirt.migration.evacuate.EvacuationResult;
import dev.novalibvirt.migration.evacuate.HostEvacuation;
import dev.novalibvirt.migration.task.journal.FileMigrationJournal;
import dev.novalibvirt.migration.uri.MigrationUris;
import dev.novalibvirt.rbd.RbdConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evacuate HOST --to HOST... [--fence]}: Nova's {@code nova host-evacuate HOST} (a rebuild on another host of
 * every server of a dead host, {@code ComputeManager.rebuild_instance} with {@code evacuate=True}) through the
 * library's {@code HostEvacuation}: HOST must be fenced (its Ceph clients blocklisted), or is fenced first with
 * {@code --fence}; each running guest is then rebuilt from its own RBD disk on the least loaded {@code --to} host,
 * refused while a live, unfenced client holds the disk ({@code DiskGuard}), journaled to
 * {@code DIR/evacuate-HOST.journal}. {@code evacuate HOST --cleanup} is Nova's {@code _destroy_evacuated_instances}
 * for a host that came back. Fencing acts as the admin identity ({@link AdminOptions}).
 */
@Command(name = "evacuate", mixinStandardHelpOptions = true,
        description = "Rebuild every running guest of a dead HOST on the --to hosts from its own RBD disk, after "
                + "fencing HOST; or, with --cleanup, remove the stale copies from HOST once it is back.",
        footer = {"", "Exit codes: 0 every guest was rebuilt (--cleanup: no stale copy left), 1 the evacuation could "
                + "not start (HOST not fenced and no --fence, a host cannot be reached...), 2 usage or configuration, "
                + "3 some guests were refused (nothing was done for them), 4 some guest's rebuild failed (it runs "
                + "nowhere: run the command again, the journal resumes it)."})
final class EvacuateCommand extends CliCommand {
    @Parameters(paramLabel = "HOST", description = "the dead host (a compute host's name, as Nova's [DEFAULT] host)")
    String host;

    @Option(names = "--to", paramLabel = "HOST", split = ",",
            description = "a host the guests may be rebuilt on; repeat it or separate hosts with commas")
    List<String> to = new ArrayList<>();

    @Option(names = "--fence", description = "blocklist HOST's Ceph clients first when they are not yet")
    boolean fence;

    @Option(names = "--expire", paramLabel = "DURATION", defaultValue = "1h", converter = Expiry.class,
            description = "how long --fence's entries last (default: ${DEFAULT-VALUE})")
    Duration expire = Duration.ofHours(1);

    @Option(names = "--only", paramLabel = "NAME", split = ",",
            description = "rebuild only these guests (domain names or uuids) of HOST")
    List<String> only = new ArrayList<>();

    @Option(names = "--definitions", paramLabel = "DIR",
            description = "read HOST's guests from these domain XML files (*.xml) instead of asking its libvirtd")
    Path definitions;

    @Option(names = "--cleanup", description = "HOST is back: destroy its copies of the guests this journal shows "
            + "evacuated (never their disks)")
    boolean cleanup;

    @Option(names = "--unfence", description = "with --cleanup: lift HOST's fence once no stale copy is left")
    boolean unfence;

    @Option(names = "--journal", paramLabel = "DIR", defaultValue = "/var/lib/nova-libvirt/journal",
            description = "where the evacuation's journal is written, evacuate-<HOST>.journal (default: ${DEFAULT-VALUE})")
    Path journalDir = MigrateCommand.DEFAULT_JOURNAL_DIR;

    @Option(names = "--progress", negatable = true,
            description = "print each guest's progress (default: when stdout is a terminal; never with --json)")
    Boolean progress;

    @Mixin
    AdminOptions admin = new AdminOptions();

    EvacuateCommand(Services services) {
        super(services);
    }

    @Override
    Report execute(CliConfig config) {
        // every name and option is checked before anything is opened
        String source = MigrationUris.requireValidHostname(host);
        if (cleanup) {
            if (!to.isEmpty() || fence || definitions != null || !only.isEmpty()) {
                throw new CliUsageException("--cleanup takes none of --to, --fence, --definitions, --only");
            }
        } else if (unfence) {
            throw new CliUsageException("--unfence goes with --cleanup (a host is unfenced once its stale copies "
                    + "are gone)");
        }
        List<String> destinations = cleanup ? List.of() : destinations(source);
        boolean local = source.equals(config.nova().defaults().host());
        String sourceUri = config.libvirtUri(local ? Optional.empty() : Optional.of(source), Optional.empty());
        List<DrainEnds.Host> dests = new ArrayList<>();
        for (String d : destinations) {
            dests.add(new DrainEnds.Host(d, config.libvirtUri(Optional.of(d), Optional.empty()),
                    config.peer(d, "a nova.conf of its own (evacuate takes none yet)")));
        }
        RbdConfig adminConfig = config.admin(admin.id, admin.keyring);
        Path journalFile = JournalDir.prepare(journalDir).resolve("evacuate-" + source + ".journal");
        EvacuationJournal journal = new EvacuationJournal(new FileMigrationJournal(journalFile), Clock.systemUTC());
        if (cleanup) {
            NovaConfig sourceConfig = local ? config.nova() : config.peer(source, "--config-file");
            return cleanup(new DrainEnds.Host(source, sourceUri, sourceConfig), adminConfig, journal, journalFile);
        }

        String pool = config.nova().libvirt().imagesRbdPool();
        EvacuationGuests guests = EvacuationGuests.of(GuestSelection.of(domains(config, sourceUri, source), only,
                source, pool));
        if (guests.toRebuild().isEmpty()) {
            // nothing to rebuild: nothing is fenced, no journal written
            return new EvacuationReport(source, destinations, List.of(), false, 0, guests.refused(),
                    guests.notRunning(), null);
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean show = Terminal.progress(progress, common.json);
        try (EvacuationHosts hosts = services.evacuationHosts(dests, adminConfig, expire)) {
            EvacuationListener listener = show ? new EvacuationPrinter(out) : EvacuationListener.NONE;
            if (show) {
                int n = guests.toRebuild().size();
                out.println("Evacuating " + source + ": " + n + (n == 1 ? " guest" : " guests") + " to "
                        + String.join(", ", destinations));
                out.flush();
            }
            EvacuationResult result = HostEvacuation.builder(source, hosts.storage()).destinations(hosts.hosts())
                    .guests(guests.toRebuild()).fence(fence).journal(journal).listener(listener).build().run();
            return EvacuationRows.report(result, guests, destinations, journalFile.toString());
        }
    }

    private List<GuestDefinition> domains(CliConfig config, String sourceUri, String source) {
        if (definitions != null) {
            return SavedDefinitions.read(definitions);
        }
        try (GuestInventory inventory = services.guests(config, sourceUri, true)) {
            return inventory.guests(Optional.empty());
        } catch (NovaException e) {
            throw new NovaException("cannot list the guests of " + source + " at " + sourceUri + " ("
                    + oneLine(e) + "); give their saved definitions with --definitions DIR", e);
        }
    }

    private Report cleanup(DrainEnds.Host back, RbdConfig adminConfig, EvacuationJournal journal, Path journalFile) {
        try (EvacuationHosts hosts = services.evacuationHosts(List.of(back), adminConfig, expire)) {
            EvacuatedHostCleanup.Report r = new EvacuatedHostCleanup(journal, hosts.storage())
                    .cleanupEvacuated(hosts.hosts().get(0), unfence);
            return new EvacuatedCleanupReport(r.host(), r.guests().stream().map(g -> new EvacuatedCleanupReport.Guest(
                    g.name(), g.uuid(), g.rebuiltOn(), g.destroyed(), g.error())).toList(), r.unfenceEntries(),
                    journalFile.toString());
        }
    }

    private List<String> destinations(String source) {
        if (to.isEmpty()) {
            throw new CliUsageException("--to HOST is required: the hosts the guests may be rebuilt on");
        }
        return ToHosts.of(to, source, "evacuated");
    }
}
