package dev.novalibvirt.migration.drain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import dev.novalibvirt.migration.task.Phase;
import dev.novalibvirt.migration.task.journal.JournalRecord;
import dev.novalibvirt.migration.task.journal.MigrationJournal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Drains against fake hosts whose libvirt jobs hold until a gate opens, so that the caps can be watched. */
class HostDrainTest {
    private static final Duration LONG = Duration.ofSeconds(20);
    private final Concurrency concurrency = new Concurrency();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final FakeHost a = new FakeHost("host-a", concurrency, gate);
    private final FakeHost b = new FakeHost("host-b", concurrency);
    private final FakeHost c = new FakeHost("host-c", concurrency);

    static Instance guest(int n) {
        return new Instance(String.format("00000000-0000-4000-8000-%012d", n), "guest-" + n, 128, 1, 1, "img");
    }

    private static HostDrain.Builder drainOf(FakeHost source, int guests, int firstNumber) {
        HostDrain.Builder builder = HostDrain.builder(source);
        for (int i = 0; i < guests; i++) {
            builder.guest(guest(firstNumber + i), null, null);
        }
        return builder;
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + LONG);
            }
            Thread.sleep(5);
        }
    }

    private static List<String> uuids(int count, int firstNumber) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(guest(firstNumber + i).uuid());
        }
        return out;
    }

    @Test
    void eightGuestsDrainAtCapTwo_neverMoreThanTwoAtOnce_allCompleted() throws Exception {
        DrainHandle handle = drainOf(a, 8, 0).destination(b).maxPerSource(2).build().start();

        waitUntil(() -> concurrency.running() == 2);
        Thread.sleep(200); // room for a third to start, if the cap let it
        DrainProgress p = handle.progress();
        assertThat(concurrency.running()).isEqualTo(2);
        assertThat(p.count(GuestState.MIGRATING)).isEqualTo(2);
        assertThat(p.count(GuestState.QUEUED)).isEqualTo(6);
        assertThat(p.guests()).filteredOn(g -> g.state() == GuestState.MIGRATING)
                .extracting(GuestProgress::uuid).containsExactlyInAnyOrderElementsOf(uuids(2, 0));
        assertThat(p.guests()).filteredOn(g -> g.state() == GuestState.MIGRATING)
                .allSatisfy(g -> assertThat(g.migration().phase()).isEqualTo(Phase.MIGRATING));
        gate.countDown();

        DrainResult r = handle.await(LONG).orElseThrow();
        assertThat(r.allCompleted()).isTrue();
        assertThat(r.count(GuestState.COMPLETED)).isEqualTo(8);
        assertThat(r.guests()).extracting(GuestResult::uuid).containsExactlyElementsOf(uuids(8, 0));
        assertThat(r.guests()).extracting(GuestResult::destination).containsOnly("host-b");
        assertThat(concurrency.maxFrom("host-a")).isEqualTo(2);
        assertThat(b.arrived).containsExactlyInAnyOrderElementsOf(uuids(8, 0));
    }

    @Test
    void atNovasDefaultCapOfOne_guestsGoOneByOneInTheOrderGiven() {
        gate.countDown();
        HostDrain drain = drainOf(a, 5, 10).destination(b).build();
        assertThat(drain.slots().caps()).isEqualTo(new DrainCaps(1, 5, 0));

        DrainResult r = drain.start().await();
        assertThat(r.allCompleted()).isTrue();
        assertThat(a.jobsStarted).containsExactlyElementsOf(uuids(5, 10));
        assertThat(concurrency.maxFrom("host-a")).isEqualTo(1);
        assertThat(drain.slots().peakOutbound("host-a")).isEqualTo(1);
    }

    @Test
    void twoDrainsSharingTheCluster_neverMoreThanTwoPerSourceAndThreeInAll() throws Exception {
        FakeHost a2 = new FakeHost("host-a2", concurrency, gate);
        MigrationSlots cluster = MigrationSlots.create(new DrainCaps(2, 3, 0));
        DrainHandle first = drainOf(a, 4, 0).destinations(List.of(b, c)).slots(cluster).build().start();
        DrainHandle second = drainOf(a2, 4, 100).destinations(List.of(b, c)).slots(cluster).build().start();

        waitUntil(() -> concurrency.running() == 3);
        Thread.sleep(200);
        assertThat(concurrency.running()).isEqualTo(3);
        assertThat(cluster.running()).isEqualTo(3);
        assertThat(first.progress().count(GuestState.MIGRATING) + second.progress().count(GuestState.MIGRATING))
                .isEqualTo(3);
        gate.countDown();

        assertThat(first.await(LONG).orElseThrow().allCompleted()).isTrue();
        assertThat(second.await(LONG).orElseThrow().allCompleted()).isTrue();
        assertThat(concurrency.maxTotal()).isEqualTo(3);
        assertThat(concurrency.maxFrom("host-a")).isLessThanOrEqualTo(2);
        assertThat(concurrency.maxFrom("host-a2")).isLessThanOrEqualTo(2);
        assertThat(cluster.peakRunning()).isEqualTo(3);
        assertThat(cluster.running()).isZero();
    }

    @Test
    void capZeroMeansUnlimited_asNovasMaxConcurrentLiveMigrations() throws Exception {
        DrainHandle handle = drainOf(a, 6, 0).destination(b).caps(new DrainCaps(0, 0, 0)).build().start();

        waitUntil(() -> concurrency.running() == 6);
        gate.countDown();
        assertThat(handle.await(LONG).orElseThrow().count(GuestState.COMPLETED)).isEqualTo(6);
    }

    @Test
    void anInboundCapOfOneSpreadsTheGuestsOverBothDestinations() throws Exception {
        DrainHandle handle = drainOf(a, 6, 0).destinations(List.of(b, c))
                .caps(new DrainCaps(0, 0, 1)).build().start();

        waitUntil(() -> concurrency.running() == 2);
        Thread.sleep(200);
        assertThat(concurrency.running()).isEqualTo(2);
        gate.countDown();

        DrainResult r = handle.await(LONG).orElseThrow();
        assertThat(r.allCompleted()).isTrue();
        assertThat(concurrency.maxInto("host-b")).isEqualTo(1);
        assertThat(concurrency.maxInto("host-c")).isEqualTo(1);
    }

    @Test
    void theDefaultChooserTakesTheLeastLoadedDestination_tiesByName() {
        gate.countDown();
        // given c first: the tie of the first guest still goes to host-b, by name
        DrainResult r = drainOf(a, 4, 0).destinations(List.of(c, b)).build().start().await();
        assertThat(r.guests()).extracting(GuestResult::destination)
                .containsExactly("host-b", "host-c", "host-b", "host-c");
    }

    @Test
    void abortMidDrain_runningOnesAborted_queuedOnesSkipped() throws Exception {
        DrainHandle handle = drainOf(a, 6, 0).destination(b).maxPerSource(2).build().start();
        waitUntil(() -> a.jobsStarted.size() == 2);

        handle.abort();

        DrainResult r = handle.await(LONG).orElseThrow();
        assertThat(r.aborted()).isTrue();
        assertThat(r.count(GuestState.ROLLED_BACK)).isEqualTo(2);
        assertThat(r.count(GuestState.SKIPPED)).isEqualTo(4);
        assertThat(r.guests().subList(0, 2)).allSatisfy(g -> assertThat(((GuestOutcome.Migrated) g.outcome())
                .outcome()).isEqualTo(new LiveMigrationOutcome.RolledBack("host-a",
                        MigrationStatus.CANCELLED, PowerState.RUNNING, "")));
        assertThat(r.guests().subList(2, 6)).allSatisfy(g -> {
            assertThat(g.outcome()).isInstanceOf(GuestOutcome.Skipped.class);
            assertThat(g.destination()).isNull();
        });
        assertThat(a.jobsStarted).hasSize(2);
        assertThat(b.arrived).isEmpty();
        handle.abort(); // again: harmless
    }

    @Test
    void oneDestinationRefuses_theRestProceed() {
        gate.countDown();
        b.refuses.add(guest(1).uuid());

        DrainResult r = drainOf(a, 4, 0).destination(b).build().start().await();

        assertThat(r.guests()).extracting(GuestResult::state).containsExactly(GuestState.COMPLETED,
                GuestState.REFUSED, GuestState.COMPLETED, GuestState.COMPLETED);
        GuestOutcome.Refused refused = (GuestOutcome.Refused) r.guests().get(1).outcome();
        assertThat(refused.refusal()).isInstanceOf(MigrationPreCheckError.class)
                .hasMessageContaining("host-b refuses " + guest(1).uuid());
        assertThat(r.guests().get(1).destination()).isEqualTo("host-b");
        assertThat(a.jobsStarted).containsExactly(guest(0).uuid(), guest(2).uuid(), guest(3).uuid());
    }

    @Test
    void aGuestThatNeedsRecoveryIsReportedAndCounted_andIsUnfinishedInTheSharedJournal() {
        gate.countDown();
        b.unreachableAfterMigrating.add(guest(2).uuid());
        List<JournalRecord> records = Collections.synchronizedList(new ArrayList<>());
        MigrationJournal journal = new MigrationJournal() {
            @Override public void append(JournalRecord record) {
                records.add(record);
            }

            @Override public List<JournalRecord> records() {
                synchronized (records) {
                    return List.copyOf(records);
                }
            }
        };

        DrainResult r = drainOf(a, 3, 0).destination(b).journal(journal).build().start().await();

        assertThat(r.count(GuestState.NEEDS_RECOVERY)).isEqualTo(1);
        assertThat(r.count(GuestState.COMPLETED)).isEqualTo(2);
        GuestOutcome.Migrated m = (GuestOutcome.Migrated) r.guest(guest(2).uuid()).orElseThrow().outcome();
        assertThat(m.outcome()).isInstanceOf(LiveMigrationOutcome.NeedsRecovery.class);
        assertThat(((LiveMigrationOutcome.NeedsRecovery) m.outcome()).pending()).isNotEmpty();
        assertThat(journal.unfinished()).containsOnlyKeys(m.result().migrationId());
    }

    @Test
    void whenNoDestinationFits_eachGuestIsRefusedAndNothingStarts() {
        gate.countDown();
        DrainResult r = drainOf(a, 3, 0).destination(b).chooser((instance, candidates) -> Optional.empty())
                .build().start().await();

        assertThat(r.count(GuestState.REFUSED)).isEqualTo(3);
        assertThat(r.guests()).allSatisfy(g -> assertThat(((GuestOutcome.Refused) g.outcome()).refusal())
                .isInstanceOf(MigrationPreCheckError.class).hasMessageContaining("no destination fits"));
        assertThat(a.jobsStarted).isEmpty();
    }

    @Test
    void theChooserSeesEachCandidatesLoad() {
        gate.countDown();
        List<List<DestinationLoad>> seen = Collections.synchronizedList(new ArrayList<>());
        drainOf(a, 2, 0).destinations(List.of(b, c)).chooser((instance, candidates) -> {
            seen.add(candidates);
            return Optional.of("host-c");
        }).build().start().await();

        assertThat(seen.get(0)).containsExactly(new DestinationLoad("host-b", 0, 0),
                new DestinationLoad("host-c", 0, 0));
        assertThat(seen.get(1)).containsExactly(new DestinationLoad("host-b", 0, 0),
                new DestinationLoad("host-c", 0, 1));
    }

    @Test
    void anEmptyDrainEndsAtOnce_timedByTheInjectedClock() {
        Clock fixed = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
        DrainResult r = HostDrain.builder(a).destination(b).clock(fixed).build().start().await();
        assertThat(r.guests()).isEmpty();
        assertThat(r.total()).isZero();
        assertThat(r.source()).isEqualTo("host-a");
    }
}
