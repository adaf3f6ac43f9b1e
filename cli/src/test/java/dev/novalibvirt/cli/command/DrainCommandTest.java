package dev.novalibvirt.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator empties compute-1 before its maintenance: its running guests go to compute-2 and compute-3 through
 * the real HostDrain and LiveMigrationTask, between fake hosts whose source plays each guest's monitor events.
 */
class DrainCommandTest {
    static final long MIB = 1L << 20;
    static final String A = "instance-0000000a";
    static final String B = "instance-0000000b";
    static final String C = "instance-0000000c";
    static final String OFF = "instance-000000ff";

    @TempDir
    Path dir;
    Path novaConf;
    Path journal;
    final FakeServices fake = new FakeServices();

    @BeforeEach
    void hostWithThreeRunningGuestsAndOneShutOff() {
        novaConf = CliRun.novaConf(dir, "");
        journal = dir.resolve("journal");
        for (String name : List.of(A, B, C)) {
            fake.guests.add(guest(name, true, false));
            fake.source.eventsOf.put(name, events(name));
        }
        fake.guests.add(guest(OFF, false, false));
    }

    static String uuid(String name) {
        return "6f1c9a52-0d7e-4c1b-9f5e-2a8b3c4d5e" + name.substring(name.length() - 2);
    }

    static GuestDefinition guest(String name, boolean running, boolean cinderVolume) {
        String uuid = uuid(name);
        String volume = cinderVolume ? "<disk type='network' device='disk'><driver name='qemu' type='raw'/>"
                + "<source protocol='rbd' name='volumes/volume-1'/><target dev='vdb' bus='virtio'/>"
                + "<alias name='ua-0b6e2ab7'/></disk>" : "";
        String xml = "<domain type='kvm'><name>" + name + "</name><uuid>" + uuid + "</uuid>"
                + "<memory unit='KiB'>524288</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>"
                + "<devices><disk type='network' device='disk'><driver name='qemu' type='raw'/>"
                + "<source protocol='rbd' name='vms/" + uuid + "_disk'><host name='198.18.0.2' port='6789'/></source>"
                + "<target dev='vda' bus='virtio'/></disk>" + volume + "</devices></domain>";
        return new GuestDefinition(name, uuid, true, running, xml, running ? xml : null, null);
    }

    /** A 512 MiB guest's monitor: 19 %, 58 %, then completed with 41 ms downtime and 530 MiB sent. */
    static List<MigrationEvent> events(String name) {
        return List.of(progress(name, 1_000, 100 * MIB, 412 * MIB, 19, 6.2),
                progress(name, 2_000, 300 * MIB, 212 * MIB, 58, 2.4),
                new MigrationEvent.Completed(name, 3_100, 41, 3_050, 530 * MIB, false, null));
    }

    static MigrationEvent.Progress progress(String name, long at, long done, long left, int pct, double eta) {
        return new MigrationEvent.Progress(name, at, 512 * MIB, done, left, 12 * MIB, 100 * MIB, 1, pct, eta, 30,
                false);
    }

    CliRun drain(String... more) {
        List<String> args = new ArrayList<>(List.of("drain", "compute-1", "--to", "compute-2", "--to", "compute-3",
                "--journal", journal.toString(), "--poll-ms", "5"));
        args.addAll(List.of(more));
        return CliRun.of(fake, novaConf, args.toArray(String[]::new));
    }

    @Test
    void everyRunningGuestMovesToTheLeastLoadedDestinationAndTheTableSaysWhereEachIs() {
        CliRun run = drain("--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("Drain of compute-1 to compute-2, compute-3: 3 guests: 3 COMPLETED in ")
                .endsWith("(at most 1 at once from compute-1, 5 in the cluster, no inbound cap)");
        assertThat(lines.get(1)).startsWith("INSTANCE").contains("STATE", "DESTINATION", "NOW ON", "DOWNTIME");
        // one at a time (nova.conf's max_concurrent_live_migrations default), each to the host with fewer so far
        assertThat(lines.get(2)).startsWith(A).contains("COMPLETED  compute-2    compute-2", "41 ms", "530.0 MiB");
        assertThat(lines.get(3)).startsWith(B).contains("COMPLETED  compute-3    compute-3");
        assertThat(lines.get(4)).startsWith(C).contains("COMPLETED  compute-2    compute-2");
        assertThat(run.out()).contains("not running, not live-migrated (their definitions stay on compute-1): " + OFF)
                .contains("journal " + journal.toAbsolutePath().resolve("drain-compute-1.journal"))
                .doesNotContain("\r");
        assertThat(fake.source.calls).containsSubsequence("liveMigration->compute-2", "liveMigration->compute-3",
                "liveMigration->compute-2").doesNotContain("liveMigration->" + OFF);
        assertThat(fake.drainEnds.source().uri()).isEqualTo("qemu:///system");
        assertThat(fake.drainEnds.destinations()).extracting(h -> h.uri())
                .containsExactly("qemu+tcp://compute-2/system", "qemu+tcp://compute-3/system");
        assertThat(fake.drainEnds.destinations().get(1).config().defaults().host()).isEqualTo("compute-3");
        assertThat(fake.openedReadOnly).as("the inventory is only read").isTrue();
        assertThat(fake.source.closed && fake.drainDestination("compute-2").closed
                && fake.drainDestination("compute-3").closed).as("every driver closed").isTrue();
    }

    @Test
    void aGuestRolledBackButLeftShutOffHasItsPowerStateAndRemedyInItsRow() {
        fake.source.jobEndsOf.put(B, MigrationStatus.FAILED);
        fake.source.stateAfterRollbackOf.put(B, PowerState.SHUTDOWN);

        CliRun run = drain("--no-progress");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(row(run, B)).contains("ROLLED_BACK (failed)", "compute-1",
                "power state SHUTDOWN; to do: start the guest on compute-1: its QEMU stopped during the migration");
        assertThat(row(run, A)).contains("COMPLETED").doesNotContain("power state");

        JsonNode b = drain("--json").json().path("result").path("guests").get(1);
        assertThat(b.path("instance").asText()).isEqualTo(B);
        assertThat(b.path("detail").asText()).startsWith("power state SHUTDOWN; to do: start the guest on compute-1");
    }

    @Test
    void aRolledBackARefusedAndAVolumeGuestDoNotStopTheOthersAndExitThree() {
        fake.source.jobEndsOf.put(B, MigrationStatus.FAILED);
        fake.source.refuseSourceCheckOf.put(C, new MigrationPreCheckError("compute-1: guest has a local disk"));
        fake.guests.add(guest("instance-0000000d", true, true));

        CliRun run = drain("--no-progress");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.out()).contains("4 guests: 1 COMPLETED, 1 ROLLED_BACK, 2 REFUSED");
        assertThat(row(run, A)).contains("COMPLETED");
        assertThat(row(run, B)).contains("ROLLED_BACK (failed)  compute-3    compute-1");
        assertThat(row(run, C)).contains("REFUSED", "compute-1",
                "MigrationPreCheckError: compute-1: guest has a local disk");
        assertThat(row(run, "instance-0000000d")).contains("REFUSED", "has Cinder volumes attached");
        assertThat(fake.source.calls).as("A, B and C were started, not the guest with a volume")
                .filteredOn("checkSource"::equals).hasSize(3);

        JsonNode r = drain("--json").json();
        assertThat(r.path("exit_code").asInt()).isEqualTo(3);
        assertThat(r.path("result").path("guests")).hasSize(4);
        JsonNode b = r.path("result").path("guests").get(1);
        assertThat(b.path("instance").asText()).isEqualTo(B);
        assertThat(b.path("state").asText()).isEqualTo("ROLLED_BACK");
        assertThat(b.path("status").asText()).isEqualTo("failed");
        assertThat(b.path("host").asText()).isEqualTo("compute-1");
        assertThat(b.path("downtime_ms").isNull()).isTrue();
    }

    @Test
    void aDestinationLostAfterTheJobsLeavesGuestsThatNeedRecoveryExitFour() {
        fake.drainDestination("compute-3").unreachable = new InternalError("cannot reach libvirtd on compute-3");

        CliRun run = drain("--no-progress");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(row(run, B)).contains("NEEDS_RECOVERY", "steps left: POST_LIVE_MIGRATION_AT_DESTINATION on "
                + "compute-3 (InternalError: cannot reach libvirtd on compute-3)");
        assertThat(row(run, A)).contains("COMPLETED");
    }

    @Test
    void jsonIsOneDocumentWithEveryGuestTheCapsAndNoProgress() {
        CliRun run = drain("--json", "--progress");

        assertThat(run.out()).doesNotContain("Draining").doesNotContain("[#");
        JsonNode doc = run.json();
        assertThat(doc.path("command").asText()).isEqualTo("drain");
        assertThat(doc.path("exit_code").asInt()).isZero();
        JsonNode r = doc.path("result");
        assertThat(r.path("source").asText()).isEqualTo("compute-1");
        assertThat(r.path("destinations")).extracting(JsonNode::asText).containsExactly("compute-2", "compute-3");
        assertThat(r.path("caps").path("max_per_source").asInt()).isEqualTo(1);
        assertThat(r.path("caps").path("max_per_cluster").asInt()).isEqualTo(5);
        assertThat(r.path("not_running")).extracting(JsonNode::asText).containsExactly(OFF);
        JsonNode a = r.path("guests").get(0);
        assertThat(a.path("uuid").asText()).isEqualTo(uuid(A));
        assertThat(a.path("destination").asText()).isEqualTo("compute-2");
        assertThat(a.path("downtime_ms").asLong()).isEqualTo(41);
        assertThat(a.path("bytes").asLong()).isEqualTo(530 * MIB);
        assertThat(a.path("migration_id").asText()).hasSize(36);
    }

    @Test
    void progressShowsEachGuestsBarsAndItsEndWithTheCountDone() {
        CliRun run = drain("--progress", "--progress-width", "100");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Draining compute-1: 3 guests to compute-2, compute-3\n")
                .containsPattern("\n  " + A + " \\[#+-+]  19% 100\\.0/512\\.0 MiB  412\\.0 MiB left  dirty "
                        + "12\\.0 MiB/s  ETA 0:06\n")
                .containsPattern("\n  " + A + " \\[#+-+]  58% 300\\.0/512\\.0 MiB  212\\.0 MiB left")
                .contains("] " + A + "  COMPLETED on compute-2  downtime 41 ms, 530.0 MiB transferred\n")
                .contains("] " + B + "  COMPLETED on compute-3  downtime 41 ms")
                .contains("] " + C + "  COMPLETED on compute-2  downtime 41 ms")
                .contains("  [1/3] ", "  [2/3] ", "  [3/3] ")
                .contains("Drain of compute-1 to compute-2, compute-3: 3 guests: 3 COMPLETED");
        assertThat(run.out().lines().filter(l -> l.startsWith("  "))).as("the progress fits the width")
                .allMatch(l -> l.length() <= 100);
    }

    @Test
    void theCapsComeFromNovaConfUnlessGiven() throws IOException {
        Files.writeString(novaConf, Files.readString(novaConf)
                .replace("host = compute-1", "host = compute-1\nmax_concurrent_live_migrations = 2"));

        assertThat(drain("--json").json().path("result").path("caps").path("max_per_source").asInt()).isEqualTo(2);
        JsonNode caps = drain("--json", "--max-per-source", "0", "--max-per-cluster", "0", "--max-inbound", "1")
                .json().path("result").path("caps");
        assertThat(caps.path("max_per_source").asInt()).isZero();
        assertThat(caps.path("max_per_cluster").asInt()).isZero();
        assertThat(caps.path("max_inbound_per_destination").asInt()).isEqualTo(1);
    }

    @Test
    void aHostWithoutRunningGuestsIsDrainedAtOnceWithoutOpeningADriver() {
        fake.guests.clear();
        fake.guests.add(guest(OFF, false, false));

        CliRun run = drain();

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Drain of compute-1 to compute-2, compute-3: 0 guests in 0 ms");
        assertThat(fake.drainEnds).isNull();
    }

    @Test
    void aHostThatCannotBeReachedRefusesTheDrainExitOne() {
        fake.drainDriversFailure = new InternalError("cannot connect to libvirtd at qemu+tcp://compute-3/system");

        CliRun run = drain();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("nova-libvirt drain: error: InternalError: cannot connect to libvirtd at "
                + "qemu+tcp://compute-3/system\n");
        assertThat(fake.source.calls).isEmpty();
    }

    @Test
    void badArgumentsAreAUsageErrorExitTwoAndNothingIsTouched() {
        assertUsage(CliRun.of(fake, novaConf, "drain", "compute-1"), "Missing required option: '--to=HOST'");
        assertUsage(CliRun.of(fake, novaConf, "drain", "--to", "compute-2"), "Missing required parameter: 'HOST'");
        assertUsage(CliRun.of(fake, novaConf, "drain", "compute-1", "--to", "compute-1", "--journal",
                journal.toString()), "--to compute-1 is the host being drained");
        assertUsage(CliRun.of(fake, novaConf, "drain", "compute-1", "--to", "compute-2,compute-2"),
                "--to compute-2 is given twice");
        assertUsage(CliRun.of(fake, novaConf, "drain", "compute-1", "--to", "compute-2;reboot"),
                "InvalidHostname: Invalid characters in hostname");
        assertUsage(CliRun.of(fake, novaConf, "drain", "compute-1;x", "--to", "compute-2"), "InvalidHostname");
        assertUsage(CliRun.of(fake, novaConf, "drain", "compute-1", "--to", "compute-2", "--max-per-source", "-1"),
                "--max-per-source -1: expected 0 (unlimited) or a positive number of migrations");
        assertUsage(CliRun.of(fake, novaConf, "drain", "compute-1", "--to", "compute-2", "--max-inbound", "many"),
                "Invalid value for option '--max-inbound'");

        assertThat(fake.openedUri).as("no libvirtd was asked").isNull();
        assertThat(fake.drainEnds).isNull();
        assertThat(journal).doesNotExist();
    }

    @Test
    void onlyTheNamedGuestsLeaveAndANameTheHostLacksStopsTheDrainBeforeAnythingMoves() {
        CliRun run = drain("--no-progress", "--only", C + "," + uuid(A));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 guests: 2 COMPLETED");
        assertThat(row(run, A)).contains("COMPLETED");
        assertThat(row(run, C)).contains("COMPLETED");
        assertThat(run.out().lines().filter(l -> l.startsWith(B))).as("not named, not drained").isEmpty();

        CliRun missing = drain("--no-progress", "--only", "instance-00000bad");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("InstanceNotFound").contains("instance-00000bad on compute-1 (--only)");
    }

    private static void assertUsage(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(run.out()).isEmpty();
    }

    private static String row(CliRun run, String name) {
        return run.out().lines().filter(l -> l.startsWith(name)).findFirst().orElseThrow();
    }
}
