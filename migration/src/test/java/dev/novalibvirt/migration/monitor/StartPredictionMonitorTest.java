package dev.novalibvirt.migration.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.migration.monitor.ConvergenceDecision.Action;
import dev.novalibvirt.migration.monitor.ConvergenceDecision.Basis;
import dev.novalibvirt.migration.monitor.ConvergenceDecision.Strategy;
import dev.novalibvirt.migration.monitor.ConvergenceDecision.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The monitor with the convergence policy on and the dirty rate measured at the start: it decides at the first
 * sample after the measurement, within the first pass, instead of after it (5-6 s on the lab's busy guest), and it
 * falls back to the statistics of the passes when nothing can be measured.
 */
class StartPredictionMonitorTest {
    private static final long MIB = 1L << 20;
    private static final DirtyRateSample MEASURING = new DirtyRateSample(DirtyRateSample.Status.MEASURING, 0, 1,
            "page-sampling", "");
    private static final DirtyRateSample UNSTARTED = new DirtyRateSample(DirtyRateSample.Status.UNSTARTED, 0, 0, "", "");

    private final FakeGuest guest = new FakeGuest();
    private final FakeClock clock = new FakeClock();
    private final List<MigrationEvent> events = new ArrayList<>();
    private final MonitorSettings settings = MonitorSettings.novaDefaults().withPermitPostCopy(true)
            .withConvergencePolicy(true);

    private LiveMigrationMonitor monitor(MonitorSettings s, MigrationFeatures features) {
        return new LiveMigrationMonitor(guest, new FakeOperation(), s, features, 0.5, events::add, clock);
    }

    /** The first pass of the busy guest at 100 MiB/s (QEMU gives no dirty rate before the first sync). */
    private static JobInfo firstPass(long remainingMib, long bpsMib) {
        return JobInfo.builder(JobType.UNBOUNDED).memory(512 * MIB, (512 - remainingMib) * MIB, remainingMib * MIB)
                .memoryBps(bpsMib * MIB).memoryIteration(1).build();
    }

    private static JobInfo secondPass() {
        return JobInfo.builder(JobType.UNBOUNDED).memory(512 * MIB, 510 * MIB, 400 * MIB).memoryBps(100 * MIB)
                .memoryDirtyRate(25_600).memoryPageSize(4096).memoryIteration(2).downtimeMs(4000).build();
    }

    private void pollEvery500ms(LiveMigrationMonitor m, int times) {
        for (int i = 0; i < times; i++) {
            clock.advanceMs(500);
            m.poll();
        }
    }

    private List<ConvergenceDecision> decisions() {
        return events.stream().filter(MigrationEvent.PolicyDecision.class::isInstance)
                .map(e -> ((MigrationEvent.PolicyDecision) e).decision()).toList();
    }

    private Optional<MigrationEvent.PostCopySwitched> switched() {
        return events.stream().filter(MigrationEvent.PostCopySwitched.class::isInstance)
                .map(MigrationEvent.PostCopySwitched.class::cast).findFirst();
    }

    @Test
    void theBusyGuestSwitchesToPostCopyOneSecondIntoTheFirstPass() {
        LiveMigrationMonitor m = monitor(settings, new MigrationFeatures(true, false));
        guest.then(firstPass(500, 100), firstPass(450, 100), firstPass(400, 100), firstPass(350, 100));
        guest.dirtyRates(MEASURING, MEASURING, DirtyRateSample.measured(400, 1, "page-sampling"));

        pollEvery500ms(m, 3);

        assertThat(guest.calls).containsOnlyOnce("startPostCopy");
        assertThat(switched()).hasValueSatisfying(s -> assertThat(s.elapsedMs()).isEqualTo(1500));
        assertThat(decisions()).singleElement().satisfies(d -> {
            assertThat(d.basis()).isEqualTo(Basis.PREDICTION);
            assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
            assertThat(d.action()).isEqualTo(Action.SWITCH_POST_COPY);
            assertThat(d.iteration()).as("still in the first pass").isEqualTo(1);
            assertThat(d.dirtyRatio()).isEqualTo(4.0);
        });
        int looks = guest.dirtyRateLooks;
        pollEvery500ms(m, 2);
        assertThat(guest.dirtyRateLooks).as("decided once, then no more looks").isEqualTo(looks);
        assertThat(m.isPostCopy()).isTrue();
    }

    @Test
    void anIdleGuestIsLeftToPlainPreCopyAndThePassesStillWatch() {
        LiveMigrationMonitor m = monitor(settings, new MigrationFeatures(true, false));
        guest.then(firstPass(500, 300), firstPass(200, 300));
        guest.dirtyRates(MEASURING, DirtyRateSample.measured(0, 1, "page-sampling"));

        pollEvery500ms(m, 2);

        assertThat(guest.calls).doesNotContain("startPostCopy");
        assertThat(decisions()).singleElement().satisfies(d -> {
            assertThat(d.verdict()).isEqualTo(Verdict.CONVERGING);
            assertThat(d.action()).isEqualTo(Action.NONE);
            assertThat(d.strategy()).isEqualTo(Strategy.PLAIN);
        });
    }

    @Test
    void aLibvirtWithoutTheCalculationLeavesItToThePassesWhichSwitchAtTheSecondOne() {
        LiveMigrationMonitor m = monitor(settings, new MigrationFeatures(true, false));
        guest.then(firstPass(500, 100), firstPass(300, 100), secondPass());
        guest.dirtyRates(DirtyRateSample.unavailable("virDomainStartDirtyRateCalc: this libvirt (older than 7.2) has "
                + "no dirty-rate calculation (code 3)"));

        pollEvery500ms(m, 3);

        assertThat(decisions()).extracting(ConvergenceDecision::basis, ConvergenceDecision::verdict,
                ConvergenceDecision::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Basis.PREDICTION, Verdict.UNKNOWN, Action.NONE),
                org.assertj.core.groups.Tuple.tuple(Basis.STATS, Verdict.DIVERGING, Action.SWITCH_POST_COPY));
        assertThat(decisions().get(0).reason()).contains("older than 7.2");
        assertThat(guest.calls).containsOnlyOnce("startPostCopy");
    }

    @Test
    void aCalculationThatNeverFinishesIsGivenUpAfterItsPeriodAndAGrace() {
        LiveMigrationMonitor m = monitor(settings, new MigrationFeatures(true, false));
        guest.then(firstPass(500, 100));
        guest.dirtyRates(MEASURING);

        pollEvery500ms(m, 9); // first look at 500 ms; 1 s + 3 s later is 4500 ms
        assertThat(decisions()).isEmpty();
        pollEvery500ms(m, 1);

        assertThat(decisions()).singleElement().satisfies(d -> {
            assertThat(d.verdict()).isEqualTo(Verdict.UNKNOWN);
            assertThat(d.reason()).contains("did not finish within 4000 ms");
        });
        assertThat(guest.calls).doesNotContain("startPostCopy");
    }

    @Test
    void aCalculationNobodyStartedIsGivenUpAfterTheStartGrace() {
        LiveMigrationMonitor m = monitor(settings, new MigrationFeatures(true, false));
        guest.then(firstPass(500, 100));
        guest.dirtyRates(UNSTARTED);

        pollEvery500ms(m, 7); // first look at 500 ms, grace 3 s: still waiting at 3500 ms
        assertThat(decisions()).isEmpty();
        pollEvery500ms(m, 1);

        assertThat(decisions()).singleElement().extracting(ConvergenceDecision::reason).asString()
                .contains("no dirty-rate calculation was started");
    }

    @Test
    void aMeasurementWaitsForTheStreamsFirstBandwidth() {
        LiveMigrationMonitor m = monitor(settings, new MigrationFeatures(true, false));
        guest.then(firstPass(512, 0), firstPass(480, 100));
        guest.dirtyRates(DirtyRateSample.measured(400, 1, "page-sampling"));

        pollEvery500ms(m, 1);
        assertThat(decisions()).as("no bandwidth yet").isEmpty();
        pollEvery500ms(m, 1);

        assertThat(decisions()).singleElement().extracting(ConvergenceDecision::bytesPerSec).isEqualTo(100 * MIB);
        assertThat(guest.calls).contains("startPostCopy");
    }

    @Test
    void withoutPostCopyTheBusyGuestGoesOnWithAutoConvergeUntilThePassesEscalate() {
        MonitorSettings noPostCopy = MonitorSettings.novaDefaults().withPermitAutoConverge(true)
                .withConvergencePolicy(true);
        LiveMigrationMonitor m = monitor(noPostCopy, MigrationFeatures.decide(noPostCopy, false, false));
        guest.then(firstPass(500, 100), firstPass(400, 100));
        guest.dirtyRates(DirtyRateSample.measured(400, 1, "page-sampling"));

        pollEvery500ms(m, 2);

        assertThat(decisions()).singleElement().satisfies(d -> {
            assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
            assertThat(d.action()).isEqualTo(Action.NONE);
            assertThat(d.strategy()).isEqualTo(Strategy.AUTO_CONVERGE);
        });
        assertThat(guest.calls).doesNotContain("startPostCopy", "pause", "abortJob");
    }

    @Test
    void withThePolicyOffNobodyAsksForTheDirtyRate() {
        LiveMigrationMonitor m = monitor(MonitorSettings.novaDefaults().withPermitPostCopy(true),
                new MigrationFeatures(true, false));
        guest.then(firstPass(500, 100), firstPass(400, 100));
        guest.dirtyRates(DirtyRateSample.measured(400, 1, "page-sampling"));

        pollEvery500ms(m, 2);

        assertThat(guest.dirtyRateLooks).isZero();
        assertThat(decisions()).isEmpty();
        assertThat(guest.calls).doesNotContain("startPostCopy");
    }
}
