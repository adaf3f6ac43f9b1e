package dev.novalibvirt.conformance.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.Step;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A migration that fails after pre_live_migration created the destination's instance dir: the guest keeps running
 * on the source, the destination is left with no domain and no dir, the RBD image is untouched. (The variant with a
 * firewalled migration port runs on a host of the contract's own: {@link OwnDestinationIT}.)
 */
@ExtendWith({LabExtension.class, MigrationScenarioExtension.class})
class RollbackIT {
    private ContractLab lab;
    private MigrationScenario scenario;
    private LibvirtDriver a;
    private Instance instance;

    @BeforeEach
    void guestOnHostA(MigrationScenario scenario) {
        this.scenario = scenario;
        lab = scenario.lab();
        a = scenario.source();
        scenario.destination();
        instance = scenario.newInstance("rbk");
        scenario.spawn(a, instance);
    }

    static void assertRolledBack(ContractLab lab, Instance instance, LibvirtDriver a, LibvirtDriver b,
                                 LiveMigrationResult r, HostsSnapshot before) {
        assertThat(r.completed()).isFalse();
        assertThat(r.status()).isEqualTo(MigrationStatus.FAILED);
        assertThat(r.steps()).extracting(s -> s.step()).contains(Step.PRE_LIVE_MIGRATION,
                Step.ROLLBACK_LIVE_MIGRATION_AT_SOURCE, Step.ROLLBACK_LIVE_MIGRATION_AT_DESTINATION);
        assertThat(GuestProbe.runsOn(a, instance)).as("still running on the source").isTrue();
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("alive on the source").isTrue();
        assertThat(HostsSnapshot.settled(before, () -> HostsSnapshot.take(lab, instance, a, b))).isEqualTo(before);
        assertThat(b.instanceExists(instance)).isFalse();
    }

    @Test
    void unreachableDestinationLibvirtdRollsBack() {
        // The destination advertises an inbound address where nothing listens (198.18.0.0/24, unused).
        LibvirtDriver deaf = scenario.driver("b", lab.instancesPath("b"), "[libvirt]\nlive_migration_inbound_addr = "
                + "198.18.0.250", lab.cephxKeys(), false);
        HostsSnapshot before = HostsSnapshot.take(lab, instance, a, deaf);
        LiveMigrationResult r = LiveMigrationTask.builder(a, deaf).build().run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        assertRolledBack(lab, instance, a, deaf, r, before);
    }
}
