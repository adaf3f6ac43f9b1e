package dev.novalibvirt.conformance.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.NoActiveMigrationForInstance;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * live_migration_abort on a migration that cannot finish (the destination silently drops the migration stream):
 * libvirt cancels the job, the task reports "cancelled", the guest keeps running on the source and the destination
 * is rolled back. Without a running migration, abort and force-complete raise NoActiveMigrationForInstance.
 */
class AbortIT {
    private ContractLab lab;
    private LibvirtDriver a;
    private LibvirtDriver b;
    private Instance instance;

    @BeforeEach
    void guestOnHostA() {
        lab = ContractLab.load();
        a = lab.driver("a");
        b = lab.driver("b");
        instance = lab.newInstance("abt");
        a.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
    }

    @AfterEach
    void cleanUp() {
        GuestProbe.purge(instance, a, b);
        a.close();
        b.close();
    }

    @Test
    void withoutAMigrationAbortAndForceCompleteRaise() {
        assertThatThrownBy(() -> a.liveMigrationAbort(instance)).isInstanceOf(NoActiveMigrationForInstance.class);
        assertThatThrownBy(() -> a.liveMigrationForceComplete(instance))
                .isInstanceOf(NoActiveMigrationForInstance.class);
    }

    @Test
    void abortingAStuckMigrationCancelsItAndRollsBack() throws Exception {
        HostsSnapshot before = HostsSnapshot.take(lab, instance, a, b);
        String netns = "/run/netns/" + lab.hostValue("b", "NETNS");
        String[] rule = {"INPUT", "-p", "tcp", "-s", lab.hostValue("a", "IP"), "--dport", "49152:49215", "-j",
            "DROP"};
        assertThat(iptables(netns, "-I", rule).exitCode()).isZero();
        LiveMigrationResult r;
        try {
            CompletableFuture<LiveMigrationResult> migration = CompletableFuture.supplyAsync(
                    () -> new LiveMigrationTask(a, b, null)
                            .execute(instance, NetworkInfo.none(), BlockDeviceInfo.none(), null, null));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean aborted = false;
            while (!aborted && !migration.isDone() && System.nanoTime() < deadline) {
                try {
                    a.liveMigrationAbort(instance);
                    aborted = true;
                } catch (NovaException notYet) {
                    Thread.sleep(200); // not registered yet, or libvirt's job not started yet
                }
            }
            assertThat(aborted).as("abort reached a running job").isTrue();
            r = migration.get(60, TimeUnit.SECONDS);
        } finally {
            iptables(netns, "-D", rule);
        }
        assertThat(r.completed()).isFalse();
        assertThat(r.status()).isEqualTo(MigrationStatus.CANCELLED);
        assertThat(GuestProbe.runsOn(a, instance)).isTrue();
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).isTrue();
        assertThat(HostsSnapshot.take(lab, instance, a, b)).isEqualTo(before);
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
