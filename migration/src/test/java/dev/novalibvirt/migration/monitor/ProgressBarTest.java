package dev.novalibvirt.migration.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a demo prints from the monitor's events. */
class ProgressBarTest {
    private static final long MIB = 1L << 20;

    @Test
    void progressIsABarWithTheFigures() {
        String line = ProgressBar.render(new MigrationEvent.Progress("guest-1", 4_500, 512 * MIB, 267 * MIB,
                256 * MIB, 98 * MIB, 100 * MIB, 2, 50, 128.0, 2_560, false));
        assertThat(line).isEqualTo("   4.5s guest-1 [##########----------]  50 % it 2  256/512 MiB left  dirty 98 MiB/s"
                + "  bw 100 MiB/s  ETA 128 s");
    }

    @Test
    void aPostCopyCompletionSaysSo() {
        String line = ProgressBar.render(new MigrationEvent.Completed("guest-1", 9_600, 5, 7_900, 883 * MIB, true,
                JobInfo.of(JobType.COMPLETED)));
        assertThat(line).endsWith("[####################] 100 % completed: 7.9 s, downtime 5 ms, 883 MiB (post-copy)");
    }

    @Test
    void everyEventOfAMonitoredMigrationRendersOneLine() {
        List<String> lines = new ArrayList<>();
        FakeGuest guest = new FakeGuest();
        guest.then(JobInfo.builder(JobType.UNBOUNDED).memory(512 * MIB, 0, 400 * MIB).memoryIteration(1).build(),
                JobInfo.of(JobType.CANCELLED));
        FakeClock clock = new FakeClock();
        LiveMigrationMonitor m = new LiveMigrationMonitor(guest, new FakeOperation(), MonitorSettings.novaDefaults(),
                new MigrationFeatures(false, false), 2.0, new ProgressBar(lines::add), clock);
        clock.advanceMs(500);
        m.poll();
        clock.advanceMs(500);
        m.poll();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("started: post-copy off");
        assertThat(lines.get(1)).contains("max downtime 0 -> 50 ms");
        assertThat(lines.get(2)).contains("[####----------------]  22 %");
        assertThat(lines.get(3)).contains("cancelled: migration job cancelled");
    }
}
