package dev.novalibvirt.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.core.exception.NovaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compute-1 died with three running guests (and one shut off): the operator fences it and rebuilds its guests on
 * compute-2 and compute-3 from their own RBD disks, through the real HostEvacuation between fake hosts; later
 * compute-1 comes back and its stale copies go.
 */
class EvacuateCommandTest {
    static final String A = DrainCommandTest.A;
    static final String B = DrainCommandTest.B;
    static final String C = DrainCommandTest.C;
    static final String OFF = DrainCommandTest.OFF;

    @TempDir
    Path dir;
    Path novaConf;
    Path journal;
    final FakeServices fake = new FakeServices();

    @BeforeEach
    void deadHostWithThreeRunningGuestsAndOneShutOff() {
        novaConf = CliRun.novaConf(dir, "");
        journal = dir.resolve("journal");
        for (String name : List.of(A, B, C)) {
            fake.guests.add(DrainCommandTest.guest(name, true, false));
        }
        fake.guests.add(DrainCommandTest.guest(OFF, false, false));
        fake.resolves.put("compute-1", List.of("198.18.0.11"));
    }

    CliRun evacuate(String... more) {
        List<String> args = new ArrayList<>(List.of("evacuate", "compute-1", "--to", "compute-2,compute-3",
                "--journal", journal.toString()));
        args.addAll(List.of(more));
        return CliRun.of(fake, novaConf, args.toArray(String[]::new));
    }

    @Test
    void anUnfencedHostIsRefusedWithoutFenceAndNothingIsDone() {
        CliRun run = evacuate("--no-progress");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("nova-libvirt evacuate: error: ComputeServiceInUse: Compute service of "
                + "compute-1 is still in use").contains("--fence");
        assertThat(fake.storageCalls).isEmpty();
        assertThat(fake.evacuationDriver("compute-2").spawned).isEmpty();
        assertThat(fake.evacuationDriver("compute-3").spawned).isEmpty();
    }

    @Test
    void withFenceTheHostIsFencedFirstThenEveryRunningGuestIsRebuiltOnTheLeastLoadedHost() {
        CliRun run = evacuate("--fence", "--progress", "--expire", "15m");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Evacuating compute-1: 3 guests to compute-2, compute-3");
        assertThat(lines.get(1)).isEqualTo("  compute-1 fenced: 198.18.0.11:0/0 blocklisted");
        assertThat(lines.get(2)).isEqualTo("  " + A + " -> compute-2  rebuilding");
        assertThat(lines.get(3)).startsWith("  [1/3] " + A + "  REBUILT on compute-2 in ");
        assertThat(lines.get(4)).isEqualTo("  " + B + " -> compute-3  rebuilding");
        assertThat(lines.get(6)).isEqualTo("  " + C + " -> compute-2  rebuilding");
        assertThat(lines.get(7)).startsWith("  [3/3] " + C + "  REBUILT on compute-2 in ");
        assertThat(lines.get(8)).startsWith("Evacuation of compute-1 to compute-2, compute-3: 3 guests: 3 REBUILT in ")
                .endsWith("(fenced now: 198.18.0.11:0/0)");
        assertThat(lines.get(9)).startsWith("INSTANCE").contains("STATE", "DESTINATION", "TIME", "DETAIL");
        assertThat(lines.get(10)).startsWith(A).contains("REBUILT  compute-2");
        assertThat(run.out()).contains("not running, not rebuilt (their definitions stay on compute-1): " + OFF)
                .contains("journal " + journal.toAbsolutePath().resolve("evacuate-compute-1.journal"))
                .contains("evacuate compute-1 --cleanup --unfence");
        assertThat(fake.storageCalls).first().isEqualTo("fence compute-1");
        assertThat(fake.evacuationExpiry).hasMinutes(15);
        assertThat(fake.evacuationIdentity.user()).as("fencing is the admin's").isEqualTo("admin");
        assertThat(fake.evacuationDriver("compute-2").spawned).containsExactly(A, C);
        assertThat(fake.evacuationDriver("compute-3").spawned).containsExactly(B);
        assertThat(fake.evacuationHostsOpened).extracting(h -> h.uri())
                .containsExactly("qemu+tcp://compute-2/system", "qemu+tcp://compute-3/system");
        assertThat(fake.evacuationDriver("compute-2").closed).as("every driver closed").isTrue();
    }

    @Test
    void aDiskAnotherHostStillWritesIsRefusedTheOthersGoAndTheJsonSaysEachEnd() throws IOException {
        fake.fencedHosts.add("compute-1");
        fake.diskHeldBy.put(DrainCommandTest.uuid(B), "198.18.0.14:0/3141");

        CliRun run = evacuate("--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        JsonNode doc = run.json();
        assertThat(doc.path("command").asText()).isEqualTo("evacuate");
        assertThat(doc.path("exit_code").asInt()).isEqualTo(3);
        JsonNode r = doc.path("result");
        assertThat(r.path("source").asText()).isEqualTo("compute-1");
        assertThat(r.path("already_fenced").asBoolean()).isTrue();
        assertThat(r.path("fence_entries")).isEmpty();
        assertThat(r.path("guests")).hasSize(3);
        assertThat(r.path("guests").get(0).path("state").asText()).isEqualTo("REBUILT");
        JsonNode refused = r.path("guests").get(1);
        assertThat(refused.path("instance").asText()).isEqualTo(B);
        assertThat(refused.path("state").asText()).isEqualTo("REFUSED");
        assertThat(refused.path("duration_ms").isNull()).isTrue();
        assertThat(refused.path("detail").asText()).contains("in use by 198.18.0.14:0/3141");
        assertThat(r.path("not_running")).extracting(JsonNode::asText).containsExactly(OFF);
        assertThat(fake.storageCalls).doesNotContain("fence compute-1");
        assertThat(fake.evacuationDriver("compute-3").spawned).as("its destination never spawned it").isEmpty();
    }

    @Test
    void aFailedRebuildExitsFourAndRunningTheCommandAgainFinishesTheEvacuation() {
        fake.evacuationDriver("compute-3").spawnFailsOf.put(B, new NovaException("domain " + B
                + " did not reach RUNNING"));
        CliRun first = evacuate("--fence", "--no-progress");
        assertThat(first.exitCode()).as(first.err()).isEqualTo(4);
        assertThat(first.out()).contains("1 FAILED").contains("NovaException: domain " + B + " did not reach RUNNING");

        fake.evacuationDriver("compute-3").spawnFailsOf.clear();
        CliRun again = evacuate("--no-progress");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("(" + "compute-1 was fenced already)");
        assertThat(again.out().lines().filter(l -> l.startsWith(A)).findFirst().orElseThrow())
                .contains("rebuilt by an earlier run");
        assertThat(fake.evacuationDriver("compute-2").spawned).as("the rebuilt ones are not rebuilt twice; the "
                + "failed one goes to the least loaded host of this run").containsExactly(A, C, B);
        assertThat(fake.evacuationDriver("compute-2").spawned.size() + fake.evacuationDriver("compute-3").spawned
                .size()).isEqualTo(4);
    }

    @Test
    void savedDefinitionsStandInForALibvirtdThatDoesNotAnswer() throws IOException {
        Path saved = Files.createDirectories(dir.resolve("saved"));
        GuestDefinition a = DrainCommandTest.guest(A, true, false);
        Files.writeString(saved.resolve(A + ".xml"), a.definitionXml());
        fake.guests.clear();

        CliRun run = evacuate("--fence", "--definitions", saved.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fake.openedUri).as("compute-1's libvirtd is not asked").isNull();
        assertThat(fake.evacuationDriver("compute-2").spawned).containsExactly(A);
        assertThat(evacuate("--definitions", dir.resolve("none").toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void onlyTheNamedGuestsAreRebuilt() {
        CliRun run = evacuate("--fence", "--only", C, "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fake.evacuationDriver("compute-2").spawned).containsExactly(C);
        assertThat(fake.evacuationDriver("compute-3").spawned).isEmpty();
        assertThat(evacuate("--fence", "--only", "instance-00000bad").exitCode()).as("a name compute-1 lacks")
                .isEqualTo(1);
    }

    @Test
    void whenTheHostIsBackItsStaleCopiesGoWithoutTheirDisksThenItIsUnfenced() {
        assertThat(evacuate("--fence", "--no-progress").exitCode()).isZero();
        FakeDriver back = fake.evacuationDriver("compute-1");
        back.definedByDefault = true; // compute-1 came back with its copies defined

        CliRun run = CliRun.of(fake, novaConf, "evacuate", "compute-1", "--cleanup", "--unfence", "--journal",
                journal.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(back.destroyed).containsExactly(A + " destroy_disks=false", B + " destroy_disks=false",
                C + " destroy_disks=false");
        assertThat(run.out()).startsWith("Cleanup of compute-1: 3 evacuated guests, 3 stale copies destroyed (disks kept)")
                .contains("unfenced: 198.18.0.11:0/0");
        assertThat(fake.fencedHosts).doesNotContain("compute-1");
        assertThat(fake.evacuationHostsOpened).extracting(h -> h.uri()).containsExactly("qemu:///system");

        CliRun twice = CliRun.of(fake, novaConf, "evacuate", "compute-1", "--cleanup", "--journal",
                journal.toString());
        assertThat(twice.out()).startsWith("Cleanup of compute-1: 0 evacuated guests");
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnythingIsOpened() {
        assertThat(CliRun.of(fake, novaConf, "evacuate", "compute-1", "--journal", journal.toString()).err())
                .contains("--to HOST is required");
        assertThat(evacuate("--unfence").exitCode()).isEqualTo(2);
        assertThat(evacuate("--cleanup").exitCode()).as("--cleanup with --to").isEqualTo(2);
        assertThat(CliRun.of(fake, novaConf, "evacuate", "compute-1", "--to", "compute-1").exitCode()).isEqualTo(2);
        assertThat(fake.evacuationHostsOpened).isNull();
    }
}
