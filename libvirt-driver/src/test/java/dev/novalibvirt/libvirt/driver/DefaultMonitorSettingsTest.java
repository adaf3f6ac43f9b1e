package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.migration.monitor.MonitorSettings;
import dev.novalibvirt.migration.monitor.TimeoutAction;
import org.junit.jupiter.api.Test;

class DefaultMonitorSettingsTest {

    @Test
    void withoutTheOptionTheDefaultMonitorRunsNovasTimeBasedPolicyOnly() {
        MonitorSettings s = DriverParts.defaultMonitorSettings(NovaConfig.defaultConfig().libvirt());
        assertThat(s.convergencePolicy()).isFalse();
        assertThat(s).isEqualTo(MonitorSettings.novaDefaults());
    }

    @Test
    void liveMigrationConvergencePolicyTurnsTheStatsDrivenPolicyOnKeepingNovasOptions() {
        MonitorSettings s = DriverParts.defaultMonitorSettings(NovaConfig.parse("""
                [libvirt]
                live_migration_convergence_policy = true
                live_migration_permit_post_copy = true
                live_migration_timeout_action = force_complete
                """).libvirt());
        assertThat(s.convergencePolicy()).isTrue();
        assertThat(s.permitPostCopy()).isTrue();
        assertThat(s.timeoutAction()).isEqualTo(TimeoutAction.FORCE_COMPLETE);
    }
}
