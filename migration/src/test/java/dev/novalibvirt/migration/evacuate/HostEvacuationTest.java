package dev.novalibvirt.migration.evacuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.ComputeServiceInUse;
import dev.novalibvirt.core.exception.DiskNotFound;
import dev.novalibvirt.core.exception.InstanceExists;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.migration.task.journal.FileMigrationJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostEvacuationTest {
    static final ImageMeta IMAGE = new ImageMeta("cirros", "raw", null);
    final Instance one = guest(1);
    final Instance two = guest(2);
    final Instance three = guest(3);
    final FakeStorage storage = new FakeStorage();
    final FakeCompute b = new FakeCompute("host-b");
    final FakeCompute c = new FakeCompute("host-c");
    final List<EvacuationEvent> events = new ArrayList<>();

    @TempDir
    Path dir;

    static Instance guest(int n) {
        return new Instance("6f1c9a52-0d7e-4c1b-9f5e-2a8b3c4d5e0" + n, "instance-0000000" + n, 512, 1, 1, "cirros");
    }

    EvacuationJournal journal() {
        return new EvacuationJournal(new FileMigrationJournal(dir.resolve("evacuate-host-a.journal")),
                Clock.systemUTC());
    }

    HostEvacuation.Builder evacuation(Instance... guests) {
        HostEvacuation.Builder builder = HostEvacuation.builder("host-a", storage).destination(b).destination(c)
                .journal(journal()).listener(events::add);
        for (Instance g : guests) {
            builder.guest(g, IMAGE, null, null);
        }
        return builder;
    }

    @Test
    void anUnfencedHostIsRefusedAsNovaRefusesAComputeServiceInUseAndNothingIsDone() {
        assertThatThrownBy(() -> evacuation(one).build().run()).isInstanceOf(ComputeServiceInUse.class)
                .hasMessageContaining("host-a").hasMessageContaining("not fenced").hasMessageContaining("--fence");
        assertThat(storage.calls).isEmpty();
        assertThat(b.spawned).isEmpty();
        assertThat(journal().attempts()).isEmpty();
    }

    @Test
    void toldToFenceItFencesFirstThenRebuildsEveryGuestFromItsOwnDiskSpreadOverTheDestinations() {
        // host-a's QEMU still holds one disk: the fence covers it
        storage.heldBy(one, "host-a");
        EvacuationResult result = evacuation(one, two, three).fence(true).build().run();

        assertThat(storage.calls).first().isEqualTo("fence host-a");
        assertThat(result.fenceEntries()).containsExactly("198.18.0.11:0/0");
        assertThat(result.alreadyFenced()).isFalse();
        assertThat(result.allRebuilt()).isTrue();
        assertThat(result.guests()).extracting(GuestEvacuation::destination)
                .containsExactly("host-b", "host-c", "host-b");
        assertThat(b.spawned).containsExactly(one.uuid(), three.uuid());
        assertThat(c.spawned).containsExactly(two.uuid());
        assertThat(((EvacuationOutcome.Rebuilt) result.guest(one.uuid()).orElseThrow().outcome()).fencedHolders())
                .containsExactly("198.18.0.11:0/3141");
        assertThat(events).first().isEqualTo(new EvacuationEvent.Fenced("host-a", List.of("198.18.0.11:0/0"),
                false));
        assertThat(events).hasSize(7);
        assertThat(events.get(1)).isEqualTo(new EvacuationEvent.Rebuilding(one.uuid(), one.name(), "host-b", 1, 3));
        assertThat(events.get(6)).isInstanceOfSatisfying(EvacuationEvent.Ended.class,
                e -> assertThat(e.index()).isEqualTo(3));
        assertThat(journal().evacuatedFrom("host-a")).extracting(EvacuationRecord::destination)
                .containsExactly("host-b", "host-c", "host-b");
        assertThat(journal().unfinished("host-a")).isEmpty();
    }

    @Test
    void aHostFencedAlreadyIsNotFencedAgain() {
        storage.fenced.add("host-a");
        EvacuationResult result = evacuation(one).build().run();
        assertThat(result.alreadyFenced()).isTrue();
        assertThat(result.fenceEntries()).isEmpty();
        assertThat(storage.calls).doesNotContain("fence host-a");
        assertThat(result.allRebuilt()).isTrue();
    }

    @Test
    void aDiskStillHeldByALiveClientElsewhereIsRefusedAndTheOtherGuestsStillGo() {
        storage.heldBy(two, "host-d"); // not the dead host: someone else runs it
        EvacuationResult result = evacuation(one, two, three).fence(true).build().run();
        GuestEvacuation refused = result.guest(two.uuid()).orElseThrow();
        assertThat(refused.state()).isEqualTo(EvacuationState.REFUSED);
        assertThat(((EvacuationOutcome.Refused) refused.outcome()).refusal()).hasMessageContaining("198.18.0.14:");
        // the refused guest still counts as placed on host-c, as a drain counts its guests
        assertThat(b.spawned).containsExactly(one.uuid(), three.uuid());
        assertThat(c.spawned).isEmpty();
        assertThat(result.counts()).containsEntry(EvacuationState.REBUILT, 2).containsEntry(EvacuationState.REFUSED, 1);
        assertThat(journal().latest(two.uuid(), "host-a")).map(EvacuationRecord::status)
                .contains(EvacuationRecord.FAILED);
    }

    @Test
    void aMissingDiskIsRefusedNeverMadeAnew() {
        storage.missingDisks.add(one.uuid());
        EvacuationResult result = evacuation(one).fence(true).build().run();
        assertThat(((EvacuationOutcome.Refused) result.guests().get(0).outcome()).refusal())
                .isInstanceOf(DiskNotFound.class);
        assertThat(b.spawned).isEmpty();
    }

    @Test
    void aDestinationThatHasTheInstanceAlreadyRefusesItAsNovasCheckInstanceExists() {
        b.running(one);
        EvacuationResult result = evacuation(one).chooser((i, cands) -> Optional.of("host-b")).fence(true).build()
                .run();
        assertThat(((EvacuationOutcome.Refused) result.guests().get(0).outcome()).refusal())
                .isInstanceOf(InstanceExists.class);
        assertThat(b.spawned).isEmpty();
        assertThat(b.destroyed).as("an instance it did not make is never touched").isEmpty();
    }

    @Test
    void aFailedSpawnIsThatGuestsFailureAndTheNextGuestGoes() {
        b.spawnFails.put(one.uuid(), new NovaException("domain instance-00000001 did not reach RUNNING"));
        EvacuationResult result = evacuation(one, two).fence(true).build().run();
        assertThat(result.guests().get(0).outcome()).isInstanceOfSatisfying(EvacuationOutcome.Failed.class,
                f -> assertThat(f.destination()).isEqualTo("host-b"));
        assertThat(result.guests().get(1).state()).isEqualTo(EvacuationState.REBUILT);
    }

    @Test
    void noDestinationFittingIsARefusal() {
        EvacuationResult result = evacuation(one).chooser((i, cands) -> Optional.empty()).fence(true).build().run();
        assertThat(((EvacuationOutcome.Refused) result.guests().get(0).outcome()).refusal())
                .isInstanceOf(MigrationPreCheckError.class);
        assertThat(result.guests().get(0).destination()).isNull();
    }

    @Test
    void runAgainAfterACrashMidEvacuationItResumesFromTheJournal() {
        storage.fenced.add("host-a");
        EvacuationJournal crashed = journal();
        // one: rebuilt by the first run; two: its spawn on host-c made the domain, then the process died;
        // three: the spawn on host-b had only defined it (shut off) when the process died
        crashed.ended(crashed.begin(one, "host-a", "host-c"), new EvacuationOutcome.Rebuilt("host-c",
                java.time.Duration.ofSeconds(3), false, List.of()));
        String twoId = crashed.begin(two, "host-a", "host-c");
        crashed.rebuilding(twoId, "host-c");
        c.running(two);
        String threeId = crashed.begin(three, "host-a", "host-b");
        crashed.rebuilding(threeId, "host-b");
        b.domains.put(three.uuid(), PowerState.SHUTDOWN);
        assertThat(journal().unfinished("host-a")).extracting(r -> r.instance().uuid())
                .containsExactly(two.uuid(), three.uuid());

        EvacuationResult result = evacuation(one, two, three).build().run();

        assertThat(result.allRebuilt()).isTrue();
        assertThat(result.guests()).extracting(GuestEvacuation::destination)
                .containsExactly("host-c", "host-c", "host-b");
        assertThat(result.guests()).allSatisfy(g -> assertThat(((EvacuationOutcome.Rebuilt) g.outcome()).earlierRun())
                .isTrue());
        assertThat(c.spawned).as("rebuilt already, not again").isEmpty();
        assertThat(b.destroyed).as("the half-made domain goes, its disk stays")
                .containsExactly(three.uuid() + " destroy_disks=false");
        assertThat(b.spawned).containsExactly(three.uuid());
        assertThat(journal().unfinished("host-a")).isEmpty();
        assertThat(journal().evacuatedFrom("host-a")).hasSize(3);
    }

    @Test
    void theJournalKeepsTheInstanceItBeganWith() {
        EvacuationJournal j = journal();
        j.begin(one, "host-a", "host-b");
        assertThat(journal().attempts()).singleElement().satisfies(a -> {
            assertThat(a.instance()).isEqualTo(one);
            assertThat(a.status()).isEqualTo(EvacuationRecord.ACCEPTED);
        });
    }

    @Test
    void aDestinationThatIsTheDeadHostOrAGuestGivenTwiceIsABadConfiguration() {
        assertThatThrownBy(() -> HostEvacuation.builder("host-b", storage).destination(b).build())
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("dead host itself");
        assertThatThrownBy(() -> evacuation(one, one).build()).isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> HostEvacuation.builder("host-a", storage).build())
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("destination");
    }
}
