package dev.novalibvirt.migration.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.migration.metrics.MigrationMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real monitor loop against a scripted source, heard by the metrics' listener: what the meters then say. */
class MonitorMetersTest {
    private static final long MIB = 1L << 20;

    private final FakeGuest guest = new FakeGuest();
    private final FakeOperation op = new FakeOperation();
    private final FakeClock clock = new FakeClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MigrationListener meters = MigrationMetrics.micrometer(registry).monitorListener("host-a");

    private LiveMigrationMonitor monitor(MonitorSettings settings, MigrationFeatures features) {
        return new LiveMigrationMonitor(guest, op, settings, features, 2.0, meters, clock);
    }

    private static JobInfo running(long remainingMib, long iteration) {
        return JobInfo.builder(JobType.UNBOUNDED).memory(512 * MIB, (512 - remainingMib) * MIB, remainingMib * MIB)
                .memoryBps(100 * MIB).memoryIteration(iteration).build();
    }

    private static JobInfo completed(long downtimeMs, long dataMib) {
        return JobInfo.builder(JobType.COMPLETED).downtimeMs(downtimeMs).timeElapsedMs(679)
                .data(0, dataMib * MIB, 0).build();
    }

    private Optional<MigrationOutcome> runToTheEnd(LiveMigrationMonitor monitor) {
        for (int i = 0; i < 20; i++) {
            clock.advanceMs(500);
            Optional<MigrationOutcome> end = monitor.poll();
            if (end.isPresent()) {
                return end;
            }
        }
        return Optional.empty();
    }

    @Test
    void aPreCopyMigrationWithAutoConvergeRecordsItsDowntimeBytesAndDecision() {
        LiveMigrationMonitor m = monitor(MonitorSettings.novaDefaults(), new MigrationFeatures(false, true));
        guest.then(running(400, 1), running(100, 2), completed(56, 97));

        assertThat(runToTheEnd(m)).containsInstanceOf(MigrationOutcome.Completed.class);

        var downtime = registry.get(MigrationMetrics.DOWNTIME).tags("source", "host-a", "mode", "pre-copy").timer();
        assertThat(downtime.count()).isEqualTo(1);
        assertThat(downtime.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(56.0);
        assertThat(registry.get(MigrationMetrics.TRANSFERRED).summary().totalAmount()).isEqualTo(97.0 * MIB);
        assertThat(registry.get(MigrationMetrics.DECISIONS).tag("decision", "auto-converge").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void aForcedPostCopyIsCountedOnceAndItsDowntimeIsTaggedPostCopy() {
        LiveMigrationMonitor m = monitor(MonitorSettings.novaDefaults().withPermitPostCopy(true),
                new MigrationFeatures(true, false));
        guest.then(running(400, 1), running(300, 2), running(200, 3), completed(12, 520));
        clock.advanceMs(500);
        m.poll();
        m.requestForceComplete();

        assertThat(runToTheEnd(m)).containsInstanceOf(MigrationOutcome.Completed.class);

        assertThat(registry.get(MigrationMetrics.DECISIONS).tag("decision", "post-copy").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get(MigrationMetrics.DOWNTIME).tag("mode", "post-copy").timer().count()).isEqualTo(1);
        assertThat(registry.find(MigrationMetrics.DECISIONS).tag("decision", "auto-converge").counters()).isEmpty();
    }

    @Test
    void aPredictedPostCopyCountsThePredictionAndTheSwitch() {
        LiveMigrationMonitor m = monitor(MonitorSettings.novaDefaults().withPermitPostCopy(true)
                .withConvergencePolicy(true), new MigrationFeatures(true, false));
        guest.then(running(400, 1), running(300, 1), completed(5, 874));
        guest.dirtyRates(DirtyRateSample.measured(400, 1, "page-sampling"));

        assertThat(runToTheEnd(m)).containsInstanceOf(MigrationOutcome.Completed.class);

        assertThat(registry.get(MigrationMetrics.DECISIONS).tag("decision", "predict-post-copy").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get(MigrationMetrics.DECISIONS).tag("decision", "post-copy").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void aMissingMeasurementIsCountedAsUnavailable() {
        LiveMigrationMonitor m = monitor(MonitorSettings.novaDefaults().withConvergencePolicy(true),
                new MigrationFeatures(false, false));
        guest.then(running(400, 1), completed(56, 97));

        assertThat(runToTheEnd(m)).containsInstanceOf(MigrationOutcome.Completed.class);

        assertThat(registry.get(MigrationMetrics.DECISIONS).tag("decision", "predict-unavailable").counter().count())
                .isEqualTo(1.0);
    }
}
