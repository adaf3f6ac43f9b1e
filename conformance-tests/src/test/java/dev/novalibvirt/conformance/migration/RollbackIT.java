package dev.novalibvirt.conformance.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.Step;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A migration that fails after pre_live_migration created the destination's instance dir: the guest keeps running
 * on the source, the destination is left with no domain and no dir, the RBD image is untouched.
 */
class RollbackIT {
    private ContractLab lab;
    private LibvirtDriver a;
    private LibvirtDriver b;
    private Instance instance;

    @BeforeEach
    void guestOnHostA() {
        lab = ContractLab.load();
        a = lab.driver("a");
        b = lab.driver("b");
        instance = lab.newInstance("rbk");
        a.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
    }

    @AfterEach
    void cleanUp() {
        GuestProbe.purge(instance, a, b);
        a.close();
        b.close();
    }

    private void assertRolledBack(LiveMigrationResult r, HostsSnapshot before) {
        assertThat(r.completed()).isFalse();
        assertThat(r.status()).isEqualTo(MigrationStatus.FAILED);
        assertThat(r.steps()).extracting(s -> s.step()).contains(Step.PRE_LIVE_MIGRATION,
                Step.ROLLBACK_LIVE_MIGRATION_AT_SOURCE, Step.ROLLBACK_LIVE_MIGRATION_AT_DESTINATION);
        assertThat(GuestProbe.runsOn(a, instance)).as("still running on the source").isTrue();
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("alive on the source").isTrue();
        assertThat(HostsSnapshot.take(lab, instance, a, b)).isEqualTo(before);
    }

    @Test
    void migrationPortDeniedOnTheDestinationRollsBack() {
        HostsSnapshot before = HostsSnapshot.take(lab, instance, a, b);
        String netns = "/run/netns/" + lab.hostValue("b", "NETNS");
        String[] rule = {"INPUT", "-p", "tcp", "-s", lab.hostValue("a", "IP"), "--dport", "49152:49215", "-j",
                "REJECT", "--reject-with", "tcp-reset"};
        LiveMigrationResult r;
        assertThat(iptables(netns, "-I", rule).exitCode()).as("deny rule inserted").isZero();
        try {
            r = new LiveMigrationTask(a, b, null).execute(instance, NetworkInfo.none(), BlockDeviceInfo.none(), null,
                    null);
        } finally {
            iptables(netns, "-D", rule);
        }
        assertThat(r.durationOf(Step.PRE_LIVE_MIGRATION)).isPositive();
        assertRolledBack(r, before);
    }

    @Test
    void unreachableDestinationLibvirtdRollsBack() {
        // The destination advertises an inbound address where nothing listens (198.18.0.0/24, unused).
        LibvirtDriver deaf = lab.driver("b", lab.instancesPath("b"), "[libvirt]\nlive_migration_inbound_addr = "
                + "198.18.0.250", lab.cephxKeys(), false);
        try {
            HostsSnapshot before = HostsSnapshot.take(lab, instance, a, deaf);
            LiveMigrationResult r = new LiveMigrationTask(a, deaf, null)
                    .execute(instance, NetworkInfo.none(), BlockDeviceInfo.none(), null, null);
            assertRolledBack(r, before);
        } finally {
            deaf.close();
        }
    }

    private static ContractLab.Run iptables(String netns, String op, String[] rule) {
        String[] argv = new String[4 + rule.length];
        argv[0] = "nsenter";
        argv[1] = "--net=" + netns;
        argv[2] = "iptables";
        argv[3] = op;
        System.arraycopy(rule, 0, argv, 4, rule.length);
        return ContractLab.run(argv);
    }
}
