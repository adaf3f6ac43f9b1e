package dev.novalibvirt.conformance.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.Step;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults on the destination's network, on a lab host of the contract's own ({@code host-g}, added with
 * {@code ./lab host-add} and removed after) so that no other session's migration between host-a and host-b is hit:
 * a firewalled migration port makes the migration fail after pre_live_migration (rollback), a silently dropped
 * migration stream keeps it stuck until live_migration_abort cancels it. Either way the guest keeps running on
 * host-a and the destination is left exactly as before.
 */
@ExtendWith({LabExtension.class, MigrationScenarioExtension.class})
class OwnDestinationIT {
    private static ContractLab lab;
    private static String own;
    private LibvirtDriver a;
    private LibvirtDriver g;
    private Instance instance;

    @BeforeAll
    static void ownHost(LabEnv env) {
        lab = ContractLab.of(env).withOwnHost();
        own = ContractLab.ownHostLetter();
    }

    @AfterAll
    static void removeOwnHost() {
        lab.removeOwnHost();
    }

    @BeforeEach
    void guestOnHostA(MigrationScenario scenario) {
        scenario.between("a", own);
        a = scenario.source();
        g = scenario.destination();
        instance = scenario.newInstance("own");
        scenario.spawn(a, instance);
    }

    @Test
    void migrationPortDeniedOnTheDestinationRollsBack() {
        HostsSnapshot before = HostsSnapshot.take(lab, instance, a, g);
        String[] rule = {"INPUT", "-p", "tcp", "--dport", "49152:49215", "-j", "REJECT", "--reject-with",
            "tcp-reset"};
        LiveMigrationResult r;
        assertThat(iptables("-I", rule).exitCode()).as("deny rule inserted").isZero();
        try {
            r = LiveMigrationTask.builder(a, g).build().run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        } finally {
            iptables("-D", rule);
        }
        assertThat(r.durationOf(Step.PRE_LIVE_MIGRATION)).isPositive();
        RollbackIT.assertRolledBack(lab, instance, a, g, r, before);
    }

    @Test
    void abortingAStuckMigrationCancelsItAndRollsBack() throws Exception {
        HostsSnapshot before = HostsSnapshot.take(lab, instance, a, g);
        String[] rule = {"INPUT", "-p", "tcp", "--dport", "49152:49215", "-j", "DROP"};
        LiveMigrationResult r;
        assertThat(iptables("-I", rule).exitCode()).isZero();
        try {
            CompletableFuture<LiveMigrationResult> migration = CompletableFuture.supplyAsync(
                    () -> LiveMigrationTask.builder(a, g).build().run(instance, NetworkInfo.none(), BlockDeviceInfo.none()));
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
            iptables("-D", rule);
        }
        assertThat(r.completed()).isFalse();
        assertThat(r.status()).isEqualTo(MigrationStatus.CANCELLED);
        assertThat(GuestProbe.runsOn(a, instance)).isTrue();
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).isTrue();
        assertThat(HostsSnapshot.settled(before, () -> HostsSnapshot.take(lab, instance, a, g))).isEqualTo(before);
    }

    @Test
    void forceCompleteThatCannotHelpIsUndoneWhenTheMigrationIsAborted() throws Exception {
        HostsSnapshot before = HostsSnapshot.take(lab, instance, a, g);
        String[] rule = {"INPUT", "-p", "tcp", "--dport", "49152:49215", "-j", "DROP"};
        LiveMigrationResult r;
        assertThat(iptables("-I", rule).exitCode()).isZero();
        try {
            CompletableFuture<LiveMigrationResult> migration = CompletableFuture.supplyAsync(
                    () -> LiveMigrationTask.builder(a, g).build().run(instance, NetworkInfo.none(), BlockDeviceInfo.none()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean forced = false;
            while (!forced && !migration.isDone() && System.nanoTime() < deadline) {
                try {
                    a.liveMigrationForceComplete(instance);
                    forced = true;
                } catch (NovaException notYet) {
                    Thread.sleep(200);
                }
            }
            assertThat(forced).as("force-complete reached the running migration").isTrue();
            // Without post-copy, force-complete pauses the guest; the stream still cannot flow, so abort.
            long abortDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean aborted = false;
            while (!aborted && !migration.isDone() && System.nanoTime() < abortDeadline) {
                try {
                    a.liveMigrationAbort(instance);
                    aborted = true;
                } catch (NovaException notYet) {
                    Thread.sleep(200);
                }
            }
            r = migration.get(60, TimeUnit.SECONDS);
        } finally {
            iptables("-D", rule);
        }
        assertThat(r.completed()).isFalse();
        assertThat(GuestProbe.runsOn(a, instance)).as("resumed on the source after the failed forced migration")
                .isTrue();
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).isTrue();
        assertThat(HostsSnapshot.settled(before, () -> HostsSnapshot.take(lab, instance, a, g))).isEqualTo(before);
    }

    /** iptables inside the own host's network namespace only. */
    private static ContractLab.Run iptables(String op, String[] rule) {
        String[] argv = new String[4 + rule.length];
        argv[0] = "nsenter";
        argv[1] = "--net=/run/netns/" + lab.hostValue(own, "NETNS");
        argv[2] = "iptables";
        argv[3] = op;
        System.arraycopy(rule, 0, argv, 4, rule.length);
        return ContractLab.run(argv);
    }
}
