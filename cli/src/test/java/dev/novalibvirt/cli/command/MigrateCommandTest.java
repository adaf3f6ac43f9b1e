package dev.novalibvirt.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.cli.port.MigrationJob;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.libvirt.host.SourceMigrationJob;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator moves instance-00000001 (512 MiB, image-backed RBD disk) from compute-1, where the CLI runs, to
 * compute-2: the real LiveMigrationTask runs between two fake hosts whose source plays the monitor's events.
 */
class MigrateCommandTest {
    static final String NAME = "instance-00000001";
    static final String UUID = "6f1c9a52-0d7e-4c1b-9f5e-2a8b3c4d5e6f";
    static final long MIB = 1L << 20;

    @TempDir
    Path dir;
    Path novaConf;
    Path journal;
    final FakeServices fake = new FakeServices();

    @BeforeEach
    void hosts() {
        novaConf = CliRun.novaConf(dir, "");
        journal = dir.resolve("journal");
        String xml = "<domain type='kvm'><name>" + NAME + "</name><uuid>" + UUID + "</uuid>"
                + "<memory unit='KiB'>524288</memory><vcpu>2</vcpu><os><type arch='x86_64'>hvm</type></os>"
                + "<devices><disk type='network' device='disk'><driver name='qemu' type='raw'/>"
                + "<source protocol='rbd' name='vms/" + UUID + "_disk'><host name='198.18.0.2' port='6789'/></source>"
                + "<target dev='vda' bus='virtio'/></disk></devices></domain>";
        fake.guests.add(new GuestDefinition(NAME, UUID, true, true, xml, xml, null));
        fake.source.events = List.of(
                progress(1_000, 100 * MIB, 412 * MIB, 19, 6.2),
                progress(2_000, 300 * MIB, 212 * MIB, 58, 2.4),
                new MigrationEvent.Completed(NAME, 3_100, 41, 3_050, 530 * MIB, false, null));
    }

    static MigrationEvent.Progress progress(long at, long processed, long remaining, int percent, double eta) {
        return new MigrationEvent.Progress(NAME, at, 512 * MIB, processed, remaining, 12 * MIB, 100 * MIB, 1,
                percent, eta, 30, false);
    }

    CliRun migrate(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("migrate", NAME, "--to", "compute-2", "--journal",
                journal.toString()));
        args.addAll(List.of(more));
        return CliRun.of(fake, novaConf, args.toArray(String[]::new));
    }

    @Test
    void aCompletedMigrationRunsNovasStepsJournalsThemAndPrintsTheDowntime() throws IOException {
        CliRun run = migrate("--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Migrated " + NAME + " (" + UUID + ") from compute-1 to compute-2: COMPLETED in ")
                .contains("  downtime 41 ms, 530.0 MiB transferred\n")
                .contains("journal " + journal.resolve(UUID + ".journal"))
                .doesNotContain("\r");
        assertThat(fake.source.calls).containsSubsequence("checkSource", "liveMigration->compute-2", "post",
                "postAtSource", "cleanup");
        assertThat(fake.destination.calls).containsSubsequence("checkDestination", "pre", "postAtDestination");
        assertThat(fake.source.migrated.memoryMib()).isEqualTo(512);
        assertThat(fake.source.migrated.vcpus()).isEqualTo(2);
        assertThat(fake.source.migrated.isVolumeBacked()).as("vms/<uuid>_disk is the image backend's").isFalse();
        assertThat(fake.ends.sourceUri()).isEqualTo("qemu:///system");
        assertThat(fake.ends.destinationUri()).isEqualTo("qemu+tcp://compute-2/system");
        assertThat(fake.ends.destinationConfig().defaults().host()).isEqualTo("compute-2");
        assertThat(fake.ends.sourceConfig().defaults().host()).isEqualTo("compute-1");
        assertThat(Files.readAllLines(journal.resolve(UUID + ".journal"))).isNotEmpty()
                .anyMatch(l -> l.contains("LIVE_MIGRATION"));
        assertThat(fake.source.closed && fake.destination.closed).as("drivers closed").isTrue();
    }

    @Test
    void jsonIsOneDocumentWithOutcomeHostDurationDowntimeAndBytesAndNoBar() {
        CliRun run = migrate("--json", "--progress");

        assertThat(run.out()).doesNotContain("\r").doesNotContain("[#");
        JsonNode doc = run.json();
        assertThat(doc.path("command").asText()).isEqualTo("migrate");
        assertThat(doc.path("exit_code").asInt()).isZero();
        JsonNode r = doc.path("result");
        assertThat(r.path("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(r.path("host").asText()).isEqualTo("compute-2");
        assertThat(r.path("source").asText()).isEqualTo("compute-1");
        assertThat(r.path("uuid").asText()).isEqualTo(UUID);
        assertThat(r.path("downtime_ms").asLong()).isEqualTo(41);
        assertThat(r.path("bytes").asLong()).isEqualTo(530 * MIB);
        assertThat(r.has("duration_ms")).isTrue();
        assertThat(r.path("status").isNull()).isTrue();
        assertThat(r.path("pending")).isEmpty();
        assertThat(r.path("migration_id").asText()).hasSize(36);
    }

    @Test
    void onATerminalTheProgressLineIsRedrawnAndEndsBeforeTheSummary() {
        CliRun run = migrate("--progress", "--progress-width", "110");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] draws = run.out().substring(0, run.out().indexOf('\n')).split("\r");
        assertThat(draws).hasSize(4); // "" before the first \r, two progress events, the completed line
        assertThat(draws[1]).isEqualTo(NAME + " [####---------------------]  19% 100.0/512.0 MiB"
                + "  412.0 MiB left  dirty 12.0 MiB/s  ETA 0:06");
        assertThat(draws[3]).startsWith(NAME + " [#########################] 100% 530.0/530.0 MiB");
        assertThat(draws).allMatch(d -> d.length() <= 110);
        assertThat(run.out().substring(run.out().indexOf('\n') + 1)).startsWith("Migrated " + NAME);
    }

    @Test
    void aFailedJobIsRolledBackExitThreeAndTheGuestStaysOnTheSource() {
        fake.source.jobEnds = MigrationStatus.CANCELLED;
        fake.source.events = List.of(progress(1_000, 100 * MIB, 412 * MIB, 19, 6.2),
                new MigrationEvent.Cancelled(NAME, 1_500, "aborted"));

        CliRun text = migrate();
        assertThat(text.exitCode()).isEqualTo(3);
        assertThat(text.out()).contains(": ROLLED_BACK (cancelled) after ")
                .contains("the guest runs on compute-1, the destination is clean; nothing is left to do");

        JsonNode r = migrate("--json").json().path("result");
        assertThat(r.path("outcome").asText()).isEqualTo("ROLLED_BACK");
        assertThat(r.path("status").asText()).isEqualTo("cancelled");
        assertThat(r.path("host").asText()).isEqualTo("compute-1");
        assertThat(r.path("downtime_ms").isNull()).isTrue();
        assertThat(fake.destination.calls).contains("rollbackAtDestination");
    }

    @Test
    void aRollbackThatLeavesTheGuestShutOffPrintsTheRemedyAndThePowerStateInsteadOfNothingLeft() {
        fake.source.jobEnds = MigrationStatus.FAILED;
        fake.source.stateAfterRollbackOf.put(NAME, PowerState.SHUTDOWN);
        fake.source.events = List.of(progress(1_000, 100 * MIB, 412 * MIB, 19, 6.2),
                new MigrationEvent.Failed(NAME, 1_500, "qemu unexpectedly closed the monitor"));

        CliRun text = migrate();
        assertThat(text.exitCode()).as("still a rollback: nothing is journaled as left").isEqualTo(3);
        assertThat(text.out()).contains(": ROLLED_BACK (failed) after ")
                .contains("  the guest is on compute-1 with power state SHUTDOWN, the destination is clean; "
                        + "to do: start the guest on compute-1: its QEMU stopped during the migration")
                .doesNotContain("nothing is left to do");

        JsonNode r = migrate("--json").json().path("result");
        assertThat(r.path("outcome").asText()).isEqualTo("ROLLED_BACK");
        assertThat(r.path("power_state").asText()).isEqualTo("SHUTDOWN");
        assertThat(r.path("remedy").asText()).startsWith("start the guest on compute-1: ");
    }

    @Test
    void aRollbackThatLeavesTheGuestAsBeforeHasNoPowerStateOrRemedyInJson() {
        fake.source.jobEnds = MigrationStatus.CANCELLED;
        fake.source.events = List.of(new MigrationEvent.Cancelled(NAME, 1_500, "aborted"));

        JsonNode r = migrate("--json").json().path("result");
        assertThat(r.has("power_state") && r.path("power_state").isNull()).isTrue();
        assertThat(r.has("remedy") && r.path("remedy").isNull()).isTrue();
    }

    @Test
    void aDestinationLostAfterTheJobNeedsRecoveryExitFourAndNamesTheStepsLeft() {
        fake.destination.unreachable = new InternalError("cannot reach libvirtd on compute-2");

        CliRun run = migrate();
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).contains(": NEEDS_RECOVERY after ")
                .contains("- POST_LIVE_MIGRATION_AT_DESTINATION on compute-2: InternalError: cannot reach libvirtd");

        JsonNode r = migrate("--json").json();
        assertThat(r.path("exit_code").asInt()).isEqualTo(4);
        assertThat(r.path("result").path("outcome").asText()).isEqualTo("NEEDS_RECOVERY");
        assertThat(r.path("result").path("pending").get(0).path("step").asText())
                .isEqualTo("POST_LIVE_MIGRATION_AT_DESTINATION");
    }

    @Test
    void abortFromAnotherProcessGoesToTheSourceDomainsLibvirtJob() {
        fake.jobs.put(NAME, new MigrationJob(NAME, "UNBOUNDED", 12_000, 512 * MIB, 200 * MIB, 312 * MIB));

        CliRun run = CliRun.of(fake, novaConf, "migrate", UUID, "--abort");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fake.jobCalls).containsExactly("abortJob " + NAME);
        assertThat(fake.jobsUri).isEqualTo("qemu:///system");
        assertThat(run.out()).startsWith("Aborted the migration of " + NAME + " (" + UUID
                + ") on compute-1 (virDomainAbortJob) after 12.0 s, 200.0 MiB sent, 312.0 MiB left");
        assertThat(fake.ends).as("no migration was started").isNull();

        CliRun remote = CliRun.of(fake, novaConf, "migrate", NAME, "--abort", "--from", "compute-3", "--json");
        assertThat(fake.jobsUri).isEqualTo("qemu+tcp://compute-3/system");
        assertThat(remote.json().path("result").path("action").asText()).isEqualTo("abort");
    }

    @Test
    void forceCompleteWithoutPostCopyPausesTheGuestSoTheCopyConverges() {
        fake.jobs.put(NAME, new MigrationJob(NAME, "UNBOUNDED", 60_000, 512 * MIB, 2_000 * MIB, 300 * MIB));

        CliRun run = CliRun.of(fake, novaConf, "migrate", NAME, "--force-complete", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fake.jobCalls).containsExactly("pause " + NAME);
        assertThat(run.json().path("result").path("done").asText()).isEqualTo("virDomainSuspend");
    }

    @Test
    void forceCompleteWithPostCopyPermittedSwitchesToPostCopyAsNovasMonitorDoes() {
        novaConf = CliRun.novaConf(dir, "live_migration_permit_post_copy = true");
        fake.jobs.put(NAME, new MigrationJob(NAME, "UNBOUNDED", 60_000, 512 * MIB, 2_000 * MIB, 300 * MIB));

        CliRun run = CliRun.of(fake, novaConf, "migrate", NAME, "--force-complete");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fake.jobCalls).containsExactly("startPostCopy " + NAME);
        assertThat(run.out()).startsWith("Forced the migration of " + NAME + " (" + UUID
                + ") on compute-1 (virDomainMigrateStartPostCopy) after 1 min 00 s")
                .contains("the guest runs on the destination now");
    }

    @Test
    void forceCompleteOfAJobInPostCopyAlreadyChangesNothing() {
        novaConf = CliRun.novaConf(dir, "live_migration_permit_post_copy = true");
        fake.jobs.put(NAME, new MigrationJob(NAME, "UNBOUNDED", 60_000, 512 * MIB, 2_000 * MIB, 300 * MIB));
        fake.phases.put(NAME, SourceMigrationJob.Phase.POST_COPY);

        CliRun run = CliRun.of(fake, novaConf, "migrate", NAME, "--force-complete", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fake.jobCalls).isEmpty();
        assertThat(run.json().path("result").path("done").asText()).isEqualTo("none (already in post-copy)");
    }

    @Test
    void aGuestPausedWhenItsJobStartedHasNoPostCopySoForceCompletePausesIt() {
        novaConf = CliRun.novaConf(dir, "live_migration_permit_post_copy = true");
        fake.jobs.put(NAME, new MigrationJob(NAME, "UNBOUNDED", 60_000, 512 * MIB, 2_000 * MIB, 300 * MIB));
        fake.phases.put(NAME, SourceMigrationJob.Phase.PAUSED);

        CliRun run = CliRun.of(fake, novaConf, "migrate", NAME, "--force-complete", "--json");

        assertThat(fake.jobCalls).containsExactly("pause " + NAME);
        assertThat(run.json().path("result").path("done").asText()).isEqualTo("virDomainSuspend");
    }

    @Test
    void abortWithoutARunningMigrationIsRefusedAndNothingIsCalled() {
        CliRun run = CliRun.of(fake, novaConf, "migrate", NAME, "--abort");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("nova-libvirt migrate: error: NoActiveMigrationForInstance: No active migration "
                + "for instance " + UUID + " (" + NAME + ") on compute-1 (qemu:///system)\n");
        assertThat(fake.jobCalls).isEmpty();
    }

    @Test
    void aBadHostNameIsRefusedBeforeAnythingHappens() {
        CliRun run = CliRun.of(fake, novaConf, "migrate", NAME, "--to", "compute-2;reboot", "--journal", journal.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("nova-libvirt migrate: error: InvalidHostname: Invalid characters in hostname");
        assertThat(fake.ends).isNull();
        assertThat(fake.openedUri).as("no libvirtd was asked").isNull();
        assertThat(journal).doesNotExist();

        CliRun self = CliRun.of(fake, novaConf, "migrate", NAME, "--to", "compute-1");
        assertThat(self.exitCode()).isEqualTo(2);
        assertThat(self.err()).contains("--to compute-1 is the source host");

        assertThat(CliRun.of(fake, novaConf, "migrate", NAME, "--to", "compute-2", "--abort").exitCode())
                .as("--to, --abort and --force-complete exclude each other").isEqualTo(2);
        assertThat(CliRun.of(fake, novaConf, "migrate", NAME).exitCode()).as("one of them is needed").isEqualTo(2);
        assertThat(fake.ends).isNull();
    }

    @Test
    void thisHostsInboundAddressIsNotLentToTheDestination() {
        novaConf = CliRun.novaConf(dir, "live_migration_inbound_addr = 198.18.0.11");

        CliRun run = migrate();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("sets [libvirt] live_migration_inbound_addr")
                .contains("give compute-2's nova.conf with --to-config-file PATH");
        assertThat(fake.ends).isNull();
    }

    @Test
    void anUnknownInstanceIsNotFound() {
        CliRun run = CliRun.of(fake, novaConf, "migrate", "instance-00000099", "--to", "compute-2", "--journal",
                journal.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("InstanceNotFound: Instance instance-00000099 on compute-1 (qemu:///system) could not be found.");
        assertThat(fake.ends).isNull();
    }

    @Test
    void aSecretInARefusalIsNeverPrinted() {
        String key = "AQBzAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAA==";
        fake.source.refuseSourceCheck = new MigrationPreCheckError("libvirt secret mismatch: key=" + key
                + " on compute-1");

        CliRun text = migrate("--verbose");
        CliRun json = migrate("--json");

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.err()).startsWith("nova-libvirt migrate: error: MigrationPreCheckError: libvirt secret mismatch")
                .contains("<redacted>");
        assertThat(text.out() + text.err() + json.out() + json.err()).doesNotContain(key)
                .doesNotContain(key.substring(0, 20));
        assertThat(json.json().path("error").path("type").asText()).isEqualTo("MigrationPreCheckError");
    }
}
