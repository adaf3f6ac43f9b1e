package dev.novalibvirt.migration.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.migration.monitor.ConvergenceDecision.Action;
import dev.novalibvirt.migration.monitor.ConvergenceDecision.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The convergence policy judged on recorded job-statistics sequences. The busy guest's figures are the lab's
 * (research/busy-guest.md): 512 MiB guest re-dirtying a 400 MiB set, stream capped at 100 MiB/s, QEMU expecting
 * 4000 ms of downtime at every iteration.
 */
class ConvergencePolicyTest {
    private static final long MIB = 1L << 20;
    private final MonitorSettings settings = MonitorSettings.novaDefaults().withConvergencePolicy(true);
    private final DowntimeSchedule schedule = DowntimeSchedule.of(settings, 2.0);

    /** One sample of a pre-copy at 100 MiB/s. */
    private static JobInfo sample(long iteration, long remainingMib, long dirtyPagesPerSec, long expectedDowntimeMs) {
        return JobInfo.builder(JobType.UNBOUNDED).memory(512 * MIB, 0, remainingMib * MIB).memoryBps(100 * MIB)
                .memoryDirtyRate(dirtyPagesPerSec).memoryPageSize(4096).memoryIteration(iteration)
                .downtimeMs(expectedDowntimeMs).build();
    }

    @Test
    void theFirstPassSaysNothing() {
        ConvergencePolicy p = new ConvergencePolicy(settings, schedule, new MigrationFeatures(true, false));
        assertThat(p.evaluate(sample(1, 500, 25_500, 5000), 50)).isEmpty();
        assertThat(p.evaluate(sample(1, 300, 25_500, 3000), 50)).isEmpty();
    }

    @Test
    void aBusyGuestDivergesAndSwitchesToPostCopyAtTheSecondIteration() {
        ConvergencePolicy p = new ConvergencePolicy(settings, schedule, new MigrationFeatures(true, false));
        p.evaluate(sample(1, 500, 0, 0), 50);
        // 25.6 k pages/s of 4 KiB = 100 MiB/s dirtied against 100 MiB/s sent
        ConvergenceDecision d = p.evaluate(sample(2, 400, 25_600, 4000), 50).orElseThrow();
        assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
        assertThat(d.action()).isEqualTo(Action.SWITCH_POST_COPY);
        assertThat(d.dirtyRatio()).isEqualTo(1.0);
        assertThat(d.expectedDowntimeMs()).isEqualTo(4000);
        assertThat(d.describe()).contains("DIVERGING -> SWITCH_POST_COPY at iteration 2", "remaining 400.0 MiB",
                "dirty 100.0 MiB/s", "bandwidth 100.0 MiB/s", "expected downtime 4000 ms", "allowed 50 ms");
        assertThat(p.evaluate(sample(3, 400, 25_600, 4000), 50)).as("decided once").isEmpty();
    }

    @Test
    void anUnderReportedDirtyRateIsCaughtByWhatCameBackDirtyAfterTheFirstPass() {
        // recorded on the lab: QEMU said 51 MiB/s dirty at 100 MiB/s, yet 400 of the 510 MiB sent came back dirty
        ConvergencePolicy p = new ConvergencePolicy(settings, schedule, new MigrationFeatures(true, false));
        p.evaluate(JobInfo.builder(JobType.UNBOUNDED).memory(512 * MIB, 0, 509 * MIB).memoryBps(0)
                .memoryIteration(1).build(), 50);
        ConvergenceDecision d = p.evaluate(JobInfo.builder(JobType.UNBOUNDED).memory(512 * MIB, 510 * MIB, 397 * MIB)
                .memoryBps(100 * MIB).memoryDirtyRate(13_056).memoryPageSize(4096).memoryIteration(2)
                .downtimeMs(3970).build(), 50).orElseThrow();
        assertThat(d.dirtyRatio()).isCloseTo(397.0 / 510, org.assertj.core.data.Offset.offset(0.001));
        assertThat(d.verdict()).isEqualTo(Verdict.STALLING);
        assertThat(d.action()).isEqualTo(Action.SWITCH_POST_COPY);
    }

    @Test
    void aStallingGuestThatFitsALargerStepGetsThatStep() {
        ConvergencePolicy p = new ConvergencePolicy(settings, schedule, new MigrationFeatures(true, false));
        p.evaluate(sample(1, 500, 0, 0), 50);
        // 45 MiB left at 100 MiB/s = 450 ms, but 95 % of each pass comes back dirty
        ConvergenceDecision d = p.evaluate(sample(2, 45, 24_320, 450), 50).orElseThrow();
        assertThat(d.verdict()).isEqualTo(Verdict.STALLING);
        assertThat(d.action()).isEqualTo(Action.RAISE_DOWNTIME);
        assertThat(d.targetDowntimeMs()).isEqualTo(455);
    }

    @Test
    void aConvergingGuestIsLeftAlone() {
        ConvergencePolicy p = new ConvergencePolicy(settings, schedule, new MigrationFeatures(true, false));
        p.evaluate(sample(1, 500, 0, 0), 50);
        // 20 MiB/s dirtied at 100 MiB/s: 80 MiB -> 16 -> 3.2, fits 500 ms within about a pass
        ConvergenceDecision d = p.evaluate(sample(2, 80, 5_120, 800), 50).orElseThrow();
        assertThat(d.verdict()).isEqualTo(Verdict.CONVERGING);
        assertThat(d.action()).isEqualTo(Action.NONE);
        ConvergenceDecision d3 = p.evaluate(sample(3, 16, 5_120, 160), 50).orElseThrow();
        assertThat(d3.action()).isEqualTo(Action.NONE);
    }

    @Test
    void aStaleExpectedDowntimeFromQemuDoesNotHideTheRemainder() {
        // recorded on the lab: at the start of iteration 2 QEMU reported 50 ms with 405 MiB left at 100 MiB/s
        ConvergencePolicy p = new ConvergencePolicy(settings, schedule, new MigrationFeatures(true, false));
        p.evaluate(JobInfo.builder(JobType.UNBOUNDED).memory(512 * MIB, 0, 511 * MIB).memoryIteration(1).build(), 50);
        ConvergenceDecision d = p.evaluate(JobInfo.builder(JobType.UNBOUNDED).memory(512 * MIB, 477 * MIB, 405 * MIB)
                .memoryBps(100 * MIB).memoryDirtyRate(9_190).memoryPageSize(4096).memoryIteration(2).downtimeMs(50)
                .build(), 50).orElseThrow();
        assertThat(d.expectedDowntimeMs()).isEqualTo(4050);
        assertThat(d.action()).isEqualTo(Action.SWITCH_POST_COPY);
    }

    @Test
    void anExpectedDowntimeThatFitsIsConverging() {
        ConvergencePolicy p = new ConvergencePolicy(settings, schedule, new MigrationFeatures(true, false));
        p.evaluate(sample(1, 500, 0, 0), 50);
        assertThat(p.evaluate(sample(2, 4, 25_600, 40), 50).orElseThrow().verdict()).isEqualTo(Verdict.CONVERGING);
    }

    @Test
    void withoutADirtyRateTheShrinkBetweenIterationsDecides() {
        ConvergencePolicy p = new ConvergencePolicy(settings, schedule, new MigrationFeatures(true, false));
        p.evaluate(sample(1, 500, 0, 0), 50);
        assertThat(p.evaluate(sample(2, 400, 0, 0), 50).orElseThrow().action()).as("nothing to compare yet")
                .isEqualTo(Action.NONE);
        ConvergenceDecision d = p.evaluate(sample(3, 390, 0, 0), 50).orElseThrow();
        assertThat(d.dirtyRatio()).isEqualTo(390.0 / 400.0);
        assertThat(d.verdict()).isEqualTo(Verdict.STALLING);
        assertThat(d.action()).isEqualTo(Action.SWITCH_POST_COPY);
    }

    @Test
    void withoutPostCopyAFailingGuestGetsTheLastStepThenPatienceThenTheTimeoutAction() {
        ConvergencePolicy p = new ConvergencePolicy(settings, schedule, new MigrationFeatures(false, false));
        p.evaluate(sample(1, 500, 0, 0), 50);
        List<ConvergenceDecision> ds = new ArrayList<>();
        for (int it = 2; it <= 6; it++) {
            int allowed = ds.isEmpty() ? 50 : ds.get(ds.size() - 1).targetDowntimeMs();
            p.evaluate(sample(it, 400, 25_600, 4000), allowed).ifPresent(ds::add);
        }
        assertThat(ds).extracting(ConvergenceDecision::action).containsExactly(Action.RAISE_DOWNTIME, Action.NONE,
                Action.NONE, Action.TIMEOUT_ACTION);
        assertThat(ds.get(0).targetDowntimeMs()).isEqualTo(500);
        assertThat(ds.get(3).reason()).endsWith("abort");
    }

    @Test
    void theMonitorAppliesThePolicyToABusyGuest() {
        FakeGuest guest = new FakeGuest();
        FakeClock clock = new FakeClock();
        List<MigrationEvent> events = new ArrayList<>();
        LiveMigrationMonitor m = new LiveMigrationMonitor(guest, new FakeOperation(), settings.withPermitPostCopy(true),
                new MigrationFeatures(true, false), 2.0, events::add, clock);
        guest.then(sample(1, 500, 0, 0), sample(1, 200, 0, 0), sample(2, 400, 25_600, 4000),
                JobInfo.builder(JobType.COMPLETED).downtimeMs(5).timeElapsedMs(5700).data(0, 874 * MIB, 0).build());
        Optional<MigrationOutcome> end = Optional.empty();
        for (int i = 0; i < 4 && end.isEmpty(); i++) {
            clock.advanceMs(500);
            end = m.poll();
        }
        assertThat(guest.calls).contains("startPostCopy");
        // nothing measured the dirty rate at the start: the prediction stands aside, the passes decide
        assertThat(events).filteredOn(MigrationEvent.PolicyDecision.class::isInstance)
                .extracting(e -> ((MigrationEvent.PolicyDecision) e).decision())
                .extracting(ConvergenceDecision::basis, ConvergenceDecision::verdict, ConvergenceDecision::action)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ConvergenceDecision.Basis.PREDICTION, Verdict.UNKNOWN,
                                Action.NONE),
                        org.assertj.core.groups.Tuple.tuple(ConvergenceDecision.Basis.STATS, Verdict.DIVERGING,
                                Action.SWITCH_POST_COPY));
        assertThat(end).containsInstanceOf(MigrationOutcome.Completed.class);
        MigrationEvent.Completed c = ((MigrationOutcome.Completed) end.get()).event();
        assertThat(c.postCopy()).isTrue();
        assertThat(c.downtimeMs()).isEqualTo(5);
    }

    @Test
    void theMonitorAbortsAFailingGuestWithoutPostCopyLongBeforeTheCompletionTimeout() {
        FakeGuest guest = new FakeGuest();
        FakeClock clock = new FakeClock();
        LiveMigrationMonitor m = new LiveMigrationMonitor(guest, new FakeOperation(), settings,
                new MigrationFeatures(false, false), 2.0, MigrationListener.NONE, clock);
        guest.then(sample(1, 500, 0, 0));
        for (int it = 2; it <= 6; it++) {
            guest.then(sample(it, 400, 25_600, 4000));
        }
        Optional<MigrationOutcome> end = Optional.empty();
        for (int i = 0; i < 10 && end.isEmpty(); i++) {
            clock.advanceSec(4);
            end = m.poll();
        }
        assertThat(guest.callsStartingWith("setMaxDowntime")).contains("setMaxDowntime 500");
        assertThat(guest.calls).contains("abortJob");
        assertThat(end).containsInstanceOf(MigrationOutcome.Cancelled.class);
    }
}
