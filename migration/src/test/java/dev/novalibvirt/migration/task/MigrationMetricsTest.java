package dev.novalibvirt.migration.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.DestinationDiskExists;
import dev.novalibvirt.migration.metrics.MigrationMetrics;
import dev.novalibvirt.migration.monitor.JobInfo;
import dev.novalibvirt.migration.monitor.JobType;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationFeatures;
import dev.novalibvirt.migration.monitor.MigrationListener;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A migration through the real task against the recording fakes, its source "monitor" emitting what libvirt's
 * would; the meters are then read back from a SimpleMeterRegistry.
 */
class MigrationMetricsTest {
    private static final long MIB = 1L << 20;

    private final List<String> calls = new ArrayList<>();
    private final RecordingDriver a = new RecordingDriver("host-a", calls);
    private final RecordingDriver b = new RecordingDriver("host-b", calls);
    private final Instance instance =
            new Instance("0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b", "metrics-test", 512, 1, 1, "img");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MigrationMetrics metrics = MigrationMetrics.micrometer(registry);
    /** What the source host's monitor would be given (LibvirtDriver.builder().migrationListener(...)). */
    private final MigrationListener sourceMonitor = metrics.monitorListener("host-a");

    /** Every read of the time is 7 ms after the previous one: the task takes a known, non-zero time. */
    private final Clock ticking = new Clock() {
        private final AtomicLong ms = new AtomicLong(1_000_000);

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(ms.addAndGet(7));
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    private LiveMigrationResult migrate() {
        return LiveMigrationTask.builder(a, b).metrics(metrics).clock(ticking).build().run(instance, null, null);
    }

    /** The events a pre-copy migration with auto-converge and one downtime step ends with. */
    private void monitorCompletesWith(long downtimeMs, long dataBytes) {
        sourceMonitor.onEvent(new MigrationEvent.Started("instance-1", 0, new MigrationFeatures(false, true), 0.5,
                400, List.of()));
        sourceMonitor.onEvent(new MigrationEvent.DowntimeChanged("instance-1", 10, 50, 100, "downtime step at 0 s"));
        sourceMonitor.onEvent(new MigrationEvent.Progress("instance-1", 500, 512 * MIB, 400 * MIB, 112 * MIB,
                MIB, 100 * MIB, 2, 78, 1.1, 40, false));
        sourceMonitor.onEvent(new MigrationEvent.Completed("instance-1", 900, downtimeMs, 850, dataBytes, false,
                JobInfo.of(JobType.COMPLETED)));
    }

    @Test
    void aCompletedMigrationIsTimedOnceWithItsOutcomeAndHosts() {
        a.duringLiveMigration = () -> monitorCompletesWith(56, 97 * MIB);

        LiveMigrationResult r = migrate();

        assertThat(r.completed()).isTrue();
        Timer duration = registry.get(MigrationMetrics.DURATION).timer();
        assertThat(duration.count()).isEqualTo(1);
        assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isPositive()
                .isEqualTo((double) r.total().toMillis());
        assertThat(duration.getId().getTag("outcome")).isEqualTo("completed");
        assertThat(duration.getId().getTag("source")).isEqualTo("host-a");
        assertThat(duration.getId().getTag("destination")).isEqualTo("host-b");

        Timer downtime = registry.get(MigrationMetrics.DOWNTIME).tag("mode", "pre-copy").timer();
        assertThat(downtime.count()).isEqualTo(1);
        assertThat(downtime.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(56.0);
        assertThat(registry.get(MigrationMetrics.TRANSFERRED).tag("source", "host-a").summary().totalAmount())
                .isEqualTo(97.0 * MIB);
        assertThat(decision("auto-converge")).isEqualTo(1.0);
        assertThat(decision("raise-downtime")).isEqualTo(1.0);
    }

    @Test
    void aRolledBackMigrationIsTimedAsRolledBackAndTransfersNothing() {
        a.migrationSucceeds = false;
        a.duringLiveMigration = () -> sourceMonitor.onEvent(
                new MigrationEvent.Failed("instance-1", 300, "unable to connect to server"));

        LiveMigrationResult r = migrate();

        assertThat(r.outcome().kind()).isEqualTo(LiveMigrationOutcome.Kind.ROLLED_BACK);
        Timer duration = registry.get(MigrationMetrics.DURATION).timer();
        assertThat(duration.count()).isEqualTo(1);
        assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isPositive();
        assertThat(duration.getId().getTag("outcome")).isEqualTo("rolled_back");
        assertThat(registry.find(MigrationMetrics.DOWNTIME).meters()).isEmpty();
        assertThat(registry.find(MigrationMetrics.TRANSFERRED).meters()).isEmpty();
    }

    @Test
    void aHostThatCannotBeReachedAfterTheJobIsTimedAsNeedsRecovery() {
        b.unreachable = new IllegalStateException("host-b unreachable");
        migrate();
        assertThat(registry.get(MigrationMetrics.DURATION).timer().getId().getTag("outcome"))
                .isEqualTo("needs_recovery");
    }

    @Test
    void aRefusedPreLiveMigrationIsTimedAsRefused() {
        b.failPre = new DestinationDiskExists(java.nio.file.Path.of("/var/lib/nova/instances/x"));
        assertThatThrownBy(this::migrate).isInstanceOf(DestinationDiskExists.class);
        assertThat(registry.get(MigrationMetrics.DURATION).tag("outcome", "refused").timer().count()).isEqualTo(1);
    }

    @Test
    void anAcceptedAbortAndForceCompleteAreCountedAsDecisions() {
        LiveMigrationHandle[] h = new LiveMigrationHandle[1];
        a.migrationSucceeds = false;
        a.duringLiveMigration = () -> {
            h[0].forceComplete();
            h[0].abort();
        };
        java.util.concurrent.CompletableFuture<Void> go = new java.util.concurrent.CompletableFuture<>();
        h[0] = LiveMigrationTask.builder(a, b).metrics(metrics).executor(r -> go.thenRun(r)).build()
                .start(instance, null, null);
        go.complete(null);
        h[0].await();
        assertThat(decision("force-complete")).isEqualTo(1.0);
        assertThat(decision("abort")).isEqualTo(1.0);
    }

    @Test
    void tagsNeverCarryTheInstanceOrTheMigrationId() {
        a.duringLiveMigration = () -> monitorCompletesWith(56, 97 * MIB);
        LiveMigrationResult r = migrate();
        assertThat(registry.getMeters()).isNotEmpty().allSatisfy(m -> assertThat(m.getId().getTags())
                .noneMatch(t -> t.getValue().equals(instance.uuid()) || t.getValue().equals(r.migrationId())
                        || t.getValue().equals(instance.name())));
        assertThat(registry.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName)
                .allMatch(n -> n.startsWith("novalibvirt.migration."));
    }

    private double decision(String tag) {
        return registry.get(MigrationMetrics.DECISIONS).tag("decision", tag).tag("source", "host-a").counter()
                .count();
    }
}
