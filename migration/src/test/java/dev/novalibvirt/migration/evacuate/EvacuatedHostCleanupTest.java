package dev.novalibvirt.migration.evacuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.migration.task.journal.FileMigrationJournal;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvacuatedHostCleanupTest {
    final Instance one = HostEvacuationTest.guest(1);
    final Instance two = HostEvacuationTest.guest(2);
    final Instance other = HostEvacuationTest.guest(9);
    final FakeStorage storage = new FakeStorage();
    final FakeCompute a = new FakeCompute("host-a");
    final FakeCompute b = new FakeCompute("host-b");

    @TempDir
    Path dir;

    EvacuationJournal journal() {
        return new EvacuationJournal(new FileMigrationJournal(dir.resolve("evacuate-host-a.journal")),
                Clock.systemUTC());
    }

    @BeforeEach
    void hostAWasEvacuated() {
        storage.fenced.add("host-a");
        HostEvacuation.builder("host-a", storage).destination(b).guest(one, HostEvacuationTest.IMAGE, null, null)
                .guest(two, HostEvacuationTest.IMAGE, null, null).journal(journal()).build().run();
        // host-a comes back with its stale copies (one still defined, two gone), and a guest nobody evacuated
        a.running(one).running(other);
    }

    @Test
    void theStaleCopiesGoWithoutTheirDisksThenTheHostIsUnfencedAndAnUnrelatedGuestStays() {
        EvacuatedHostCleanup.Report report = new EvacuatedHostCleanup(journal(), storage).cleanupEvacuated(a, true);

        assertThat(a.destroyed).containsExactly(one.uuid() + " destroy_disks=false");
        assertThat(a.domains).containsOnlyKeys(other.uuid());
        assertThat(report.guests()).extracting(EvacuatedHostCleanup.Cleaned::uuid, EvacuatedHostCleanup.Cleaned::destroyed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(one.uuid(), true),
                        org.assertj.core.groups.Tuple.tuple(two.uuid(), false));
        assertThat(report.clean()).isTrue();
        assertThat(report.unfenceEntries()).containsExactly("198.18.0.11:0/0");
        assertThat(storage.fenced).doesNotContain("host-a");
        assertThat(journal().evacuatedFrom("host-a")).as("completed, as Nova sets the migrations").isEmpty();
        assertThat(journal().latest(one.uuid(), "host-a")).map(EvacuationRecord::status)
                .contains(EvacuationRecord.COMPLETED);
        assertThat(b.domains).containsOnlyKeys(one.uuid(), two.uuid());
    }

    @Test
    void aCopyThatCannotBeDestroyedKeepsTheHostFencedAndStaysForTheNextCleanup() {
        a.destroyFails.put(one.uuid(), new NovaException("libvirtd on host-a refused virDomainDestroy"));
        EvacuatedHostCleanup.Report report = new EvacuatedHostCleanup(journal(), storage).cleanupEvacuated(a, true);
        assertThat(report.clean()).isFalse();
        assertThat(report.unfenceEntries()).isEmpty();
        assertThat(storage.fenced).contains("host-a");
        assertThat(journal().evacuatedFrom("host-a")).extracting(r -> r.instance().uuid()).containsExactly(one.uuid());

        a.destroyFails.clear();
        EvacuatedHostCleanup.Report again = new EvacuatedHostCleanup(journal(), storage).cleanupEvacuated(a, false);
        assertThat(again.guests()).singleElement().satisfies(g -> assertThat(g.destroyed()).isTrue());
        assertThat(storage.fenced).as("not asked to unfence").contains("host-a");
    }
}
