package dev.novalibvirt.migration.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Nova's downtime_steps / update_downtime values (nova/tests/unit/virt/libvirt/test_migration.py). */
class DowntimeScheduleTest {

    @Test
    void downtime400Steps10Delay30For3GiBGivesNovasTuples() {
        DowntimeSchedule s = DowntimeSchedule.of(400, 10, 30, 3);
        assertThat(s.steps()).containsExactly(
                new DowntimeStep(0, 40), new DowntimeStep(90, 76), new DowntimeStep(180, 112),
                new DowntimeStep(270, 148), new DowntimeStep(360, 184), new DowntimeStep(450, 220),
                new DowntimeStep(540, 256), new DowntimeStep(630, 292), new DowntimeStep(720, 328),
                new DowntimeStep(810, 364), new DowntimeStep(900, 400));
    }

    @Test
    void novaDefaultsForA512MiBGuestCountTwoGiB() {
        double gb = MigrationDataSize.dataGb(512);
        DowntimeSchedule s = DowntimeSchedule.of(MonitorSettings.novaDefaults(), gb);
        assertThat(s.steps()).hasSize(11);
        assertThat(s.steps().get(0)).isEqualTo(new DowntimeStep(0, 50));
        assertThat(s.steps().get(1)).isEqualTo(new DowntimeStep(150, 95));
        assertThat(s.last()).isEqualTo(new DowntimeStep(1500, 500));
    }

    @Test
    void fractionalValuesAreTruncatedLikePythonInt() {
        // 500/3 = 166.67 -> 166; offset (500-166.67)/3 = 111.11 -> 277, 388, 500; delay 3 * 2.5 GiB = 7 s
        DowntimeSchedule s = DowntimeSchedule.of(500, 3, 3, 2.5);
        assertThat(s.steps()).containsExactly(new DowntimeStep(0, 166), new DowntimeStep(7, 277),
                new DowntimeStep(14, 388), new DowntimeStep(21, 500));
    }

    private static final DowntimeSchedule NOVA_UPDATE_CASES = DowntimeSchedule.ofSteps(
            List.of(new DowntimeStep(9000, 50), new DowntimeStep(18000, 200)));

    @Test
    void noStepsMeansNoDowntime() {
        assertThat(DowntimeSchedule.ofSteps(List.of()).stepAt(5000)).isEmpty();
    }

    @Test
    void tooEarlyForTheFirstStep() {
        assertThat(NOVA_UPDATE_CASES.stepAt(5000)).isEmpty();
    }

    @Test
    void firstStepOnceItsTimeHasPassed() {
        assertThat(NOVA_UPDATE_CASES.stepAt(11000)).contains(new DowntimeStep(9000, 50));
    }

    @Test
    void secondStepLater() {
        assertThat(NOVA_UPDATE_CASES.stepAt(22000)).contains(new DowntimeStep(18000, 200));
    }

    @Test
    void aStepStartsStrictlyAfterItsTime() {
        assertThat(NOVA_UPDATE_CASES.stepAt(9000)).isEmpty();
    }

    @Test
    void firstStepAllowingANeededDowntime() {
        DowntimeSchedule s = DowntimeSchedule.of(500, 10, 75, 2);
        assertThat(s.firstStepAllowing(450)).contains(new DowntimeStep(1350, 455));
        assertThat(s.firstStepAllowing(501)).isEmpty();
    }

    @Test
    void settingsBelowNovasMinimaAreRejected() {
        MonitorSettings d = MonitorSettings.novaDefaults();
        assertThatThrownBy(() -> d.withDowntime(99, 10, 75)).isInstanceOf(InvalidMonitorSettings.class)
                .hasMessageContaining("live_migration_downtime must be >= 100");
        assertThatThrownBy(() -> d.withDowntime(500, 2, 75)).isInstanceOf(InvalidMonitorSettings.class)
                .hasMessageContaining("live_migration_downtime_steps");
        assertThatThrownBy(() -> d.withDowntime(500, 10, 2)).isInstanceOf(InvalidMonitorSettings.class)
                .hasMessageContaining("live_migration_downtime_delay");
        assertThatThrownBy(() -> d.withCompletionTimeout(-1, TimeoutAction.ABORT))
                .isInstanceOf(InvalidMonitorSettings.class);
    }
}
