package dev.novalibvirt.migration.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Nova's _live_migration_data_gb, completion timeout arithmetic and migration flag rules. */
class MigrationDataSizeAndFeaturesTest {
    private static final long GIB = 1L << 30;

    @Test
    void ramCountsAtLeastTwoGiB() {
        assertThat(MigrationDataSize.dataGb(512)).isEqualTo(2.0);
        assertThat(MigrationDataSize.dataGb(4096)).isEqualTo(4.0);
        assertThat(MigrationDataSize.dataGb(3072)).isEqualTo(3.0);
    }

    @Test
    void blockMigratedDisksCountTheirSizeAtLeastTwoGiBEach() {
        assertThat(MigrationDataSize.dataGb(4096, GIB, 5 * GIB)).isEqualTo(4.0 + 2.0 + 5.0);
    }

    @Test
    void completionTimeoutIsPerGiB() {
        assertThat(MigrationDataSize.completionTimeoutSeconds(800, 2.0)).isEqualTo(1600);
        assertThat(MigrationDataSize.completionTimeoutSeconds(800, 2.5)).isEqualTo(2000);
        assertThat(MigrationDataSize.completionTimeoutSeconds(0, 4.0)).isZero();
    }

    @Test
    void autoConvergeOnlyWithoutPostCopy() {
        MonitorSettings both = MonitorSettings.novaDefaults().withPermitPostCopy(true).withPermitAutoConverge(true);
        assertThat(MigrationFeatures.decide(both, false, false)).isEqualTo(new MigrationFeatures(true, false));
        MonitorSettings ac = MonitorSettings.novaDefaults().withPermitAutoConverge(true);
        assertThat(MigrationFeatures.decide(ac, false, false)).isEqualTo(new MigrationFeatures(false, true));
    }

    @Test
    void noPostCopyForAPausedGuest() {
        MonitorSettings pc = MonitorSettings.novaDefaults().withPermitPostCopy(true).withPermitAutoConverge(true);
        assertThat(MigrationFeatures.decide(pc, true, false)).isEqualTo(new MigrationFeatures(false, false));
    }

    @Test
    void noPostCopyWithVpmem() {
        MonitorSettings pc = MonitorSettings.novaDefaults().withPermitPostCopy(true);
        assertThat(MigrationFeatures.decide(pc, false, true).postCopy()).isFalse();
    }

    @Test
    void nothingPermittedNothingUsed() {
        assertThat(MigrationFeatures.decide(MonitorSettings.novaDefaults(), false, false))
                .isEqualTo(new MigrationFeatures(false, false));
    }
}
