package dev.novalibvirt.migration.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.migration.testlog.CapturingProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * The monitor tells when it first saw the job running and which looks found none, so that a late job start (issue
 * 16: a case after an aborted migration) shows in the log; Nova's first downtime step is still set at that look.
 */
class JobStartWatchTest {
    private static final long MIB = 1L << 20;

    private final FakeGuest guest = new FakeGuest();
    private final FakeOperation op = new FakeOperation();
    private final FakeClock clock = new FakeClock();
    private final List<MigrationEvent> events = new ArrayList<>();
    private final LiveMigrationMonitor monitor = new LiveMigrationMonitor(guest, op, MonitorSettings.novaDefaults(),
            new MigrationFeatures(false, false), 2.0, events::add, clock);

    @BeforeEach
    void clearLog() {
        CapturingProvider.clear();
    }

    private static JobInfo running() {
        return JobInfo.builder(JobType.UNBOUNDED).memory(512 * MIB, 12 * MIB, 500 * MIB).memoryBps(100 * MIB)
                .memoryIteration(1).build();
    }

    private List<String> monitorLines(Level level) {
        return CapturingProvider.lines().stream()
                .filter(l -> l.logger().equals(LiveMigrationMonitor.class.getName()) && l.level() == level)
                .map(CapturingProvider.Line::message).toList();
    }

    @Test
    void theJobSeenRunningAfterTwoEmptyLooksIsDatedAndTheFirstDowntimeStepIsSetThen() {
        guest.then(JobInfo.of(JobType.NONE), JobInfo.of(JobType.NONE), running());
        clock.advanceMs(500);
        monitor.poll();
        clock.advanceMs(500);
        monitor.poll();
        assertThat(monitor.jobSeenRunningAfter()).isEmpty();
        clock.advanceMs(500);
        monitor.poll();

        assertThat(monitor.jobSeenRunningAfter()).contains(Duration.ofMillis(1500));
        assertThat(monitorLines(Level.DEBUG)).contains(
                "guest-1: migration not running yet (look 1 at 500 ms, job statistics read in 0 ms)",
                "guest-1: migration not running yet (look 2 at 1000 ms, job statistics read in 0 ms)",
                "guest-1: the first virDomainMigrateSetMaxDowntime took 0 ms");
        assertThat(monitorLines(Level.INFO)).anySatisfy(l -> assertThat(l)
                .startsWith("guest-1: migration running (seen at 1500 ms, after 2 look(s) without a job)"));
        // Nova's update_downtime: the first step (500 ms / 10 steps) at the first running look, as before
        assertThat(guest.calls).containsExactly("setMaxDowntime 50");
        assertThat(events).filteredOn(MigrationEvent.DowntimeChanged.class::isInstance).hasSize(1);
    }

    @Test
    void aStatisticsReadThatWaitedOverASecondInsideLibvirtIsSaidAtInfo() {
        guest.duringJobInfo = () -> clock.advanceMs(4_000); // e.g. behind another job of the domain
        monitor.poll();

        assertThat(monitorLines(Level.INFO)).containsExactly("guest-1: reading the job statistics took 4000 ms, "
                + "until 4000 ms (libvirt made the call wait, e.g. behind another job of the domain)");
    }
}
