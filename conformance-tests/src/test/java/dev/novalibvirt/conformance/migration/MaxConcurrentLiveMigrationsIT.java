package dev.novalibvirt.conformance.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationHandle;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.Step;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * max_concurrent_live_migrations (nova.conf default 1) enforced by the source driver on the real lab: with one
 * slot, a second migration from host-a waits in live_migration for the first, and aborting it while it waits drops
 * it without touching libvirt (Nova's queued abort): rolled back as cancelled, the guest never left host-a. The
 * first is slowed to 1 MiB/s (live_migration_bandwidth) so that it is still running while the second waits.
 */
@ExtendWith({LabExtension.class, MigrationScenarioExtension.class})
class MaxConcurrentLiveMigrationsIT {
    private LibvirtDriver a;
    private LibvirtDriver b;
    private Instance first;
    private Instance second;

    @BeforeEach
    void twoGuestsOnHostA(MigrationScenario scenario) {
        ContractLab lab = scenario.lab();
        a = scenario.driver("a", lab.instancesPath("a"), "[libvirt]\nlive_migration_bandwidth = 1\n", lab.cephxKeys(),
                false);
        b = scenario.destination();
        first = scenario.newInstance("slot1");
        second = scenario.newInstance("slot2");
        scenario.spawn(a, first);
        scenario.spawn(a, second);
    }

    @Test
    void withOneSlotTheSecondMigrationWaitsAndCanBeAbortedWhileItWaits() throws Exception {
        assertThat(a.config().defaults().maxConcurrentLiveMigrations()).isEqualTo(1);
        LiveMigrationTask task = LiveMigrationTask.builder(a, b).build();
        LiveMigrationHandle h1 = task.start(first, NetworkInfo.none(), BlockDeviceInfo.none());
        MigrationScenario.awaitStep(h1, Step.LIVE_MIGRATION, Duration.ofSeconds(120));
        // The first must hold its slot for as long as the test needs, not for as long as its mostly-zero memory
        // takes to copy: its incoming QEMU on host-b is stopped (SIGSTOP), so the job waits on a full socket.
        String incoming = awaitIncomingQemu(first);
        signal("STOP", incoming);
        try {
            assertThat(h1.isDone()).as("the first is still migrating").isFalse();
            LiveMigrationHandle h2 = task.start(second, NetworkInfo.none(), BlockDeviceInfo.none());
            MigrationScenario.awaitStep(h2, Step.LIVE_MIGRATION, Duration.ofSeconds(120));
            Thread.sleep(2_000); // long enough for the second job to have started, were it not waiting
            assertThat(h1.isDone()).as("the first is still migrating").isFalse();
            assertThat(incomingQemu(second)).as("no incoming QEMU for the second on host-b: it waits its turn")
                    .isEmpty();

            h2.abort();

            LiveMigrationResult r2 = h2.await(Duration.ofSeconds(60)).orElseThrow();
            assertThat(r2.outcome()).isEqualTo(new LiveMigrationOutcome.RolledBack(a.host(),
                    MigrationStatus.CANCELLED, PowerState.RUNNING, ""));
        } finally {
            signal("CONT", incoming);
        }
        LiveMigrationResult r1 = h1.await(Duration.ofSeconds(300)).orElseThrow();
        assertThat(r1.outcome()).isInstanceOf(LiveMigrationOutcome.Completed.class);
        assertThat(GuestProbe.runsOn(a, second)).as("the queued guest never left host-a").isTrue();
        assertThat(GuestProbe.runsOn(b, second)).isFalse();
        assertThat(GuestProbe.runsOn(b, first)).isTrue();
    }

    /** The pid of the QEMU that host-b started for {@code instance}'s incoming migration, waited for up to 20 s. */
    private static String awaitIncomingQemu(Instance instance) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            String pid = incomingQemu(instance);
            if (!pid.isEmpty()) {
                return pid;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no incoming QEMU for " + instance.name() + " on host-b within 20 s");
    }

    private static String incomingQemu(Instance instance) throws Exception {
        return sh("for p in $(ip netns pids nlab-host-b); do tr '\\0' ' ' </proc/$p/cmdline 2>/dev/null"
                + " | grep -q -- 'guest=" + instance.name() + ",' && echo $p; done | head -1").strip();
    }

    private static void signal(String sig, String pid) throws Exception {
        sh("kill -" + sig + " " + pid);
    }

    private static String sh(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
