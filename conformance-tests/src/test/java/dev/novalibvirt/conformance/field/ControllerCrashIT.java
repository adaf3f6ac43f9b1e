package dev.novalibvirt.conformance.field;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.conformance.migration.MigrationScenario;
import dev.novalibvirt.conformance.migration.MigrationScenarioExtension;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.driver.LibvirtHostProbe;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.MigrationRecovery;
import dev.novalibvirt.migration.task.Sleeper;
import dev.novalibvirt.migration.task.journal.FileMigrationJournal;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller crashes in the middle of a migration (issue 11): the JVM that runs the task is killed -9 while
 * libvirt runs the peer-to-peer job. A new controller reads the journal the dead one left and, asking both
 * hypervisors, finishes the migration's business: the guest on exactly one host, nothing of it left on the other,
 * the journal closed. Checked with virsh and the filesystem; a follow-up migration must then work.
 */
@ExtendWith({LabExtension.class, MigrationScenarioExtension.class})
class ControllerCrashIT {
    @TempDir
    Path tmp;

    private MigrationScenario scenario;
    private LibvirtDriver a;
    private Instance instance;
    private Process controller;

    @BeforeEach
    void hosts(MigrationScenario scenario) {
        // the lock first: no connection to a libvirtd that another run may be restarting
        scenario.closeLast(FieldLab.exclusive("host-libvirtd"));
        this.scenario = scenario;
        a = scenario.source();
        scenario.destination(); // the migration's other end: the scenario cleans host-b up too
        instance = scenario.newInstance("crash");
    }

    /** Before the scenario's cleanup: the dead controller's JVM must not outlive the test. */
    @AfterEach
    void killController() throws Exception {
        if (controller != null) {
            controller.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aControllerKilledDuringTheJobLeavesAJournalFromWhichRecoveryPutsTheGuestOnExactlyOneHost()
            throws Exception {
        scenario.spawn(a, instance);
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("alive on host-a").isTrue();
        Path journalFile = tmp.resolve("migrations.journal");

        controller = startController(journalFile);
        scenario.awaitLibvirtJob(a, instance, Duration.ofSeconds(60));
        controller.destroyForcibly();
        assertThat(controller.waitFor(30, TimeUnit.SECONDS)).as("the controller JVM is gone").isTrue();
        assertThat(controller.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        FileMigrationJournal journal = new FileMigrationJournal(journalFile);
        assertThat(journal.unfinished()).as("the dead controller left its migration unfinished").hasSize(1);

        // a new controller: fresh connections, the journal and both hypervisors' word
        LibvirtDriver newA = scenario.driver("a");
        LibvirtDriver newB = scenario.driver("b");
        List<MigrationRecovery.Report> reports = new MigrationRecovery(journal, List.of(
                new MigrationRecovery.Site(newA, LibvirtHostProbe.of(newA)),
                new MigrationRecovery.Site(newB, LibvirtHostProbe.of(newB))),
                Clock.systemUTC(), Sleeper.system(), Duration.ofMinutes(3)).recover();
        assertThat(reports).as("one migration recovered").singleElement()
                .satisfies(rep -> assertThat(rep.finished()).as("finished: " + rep).isTrue());
        assertThat(journal.unfinished()).as("nothing left unfinished in the journal").isEmpty();

        boolean onA = GuestProbe.runsOn(newA, instance);
        boolean onB = GuestProbe.runsOn(newB, instance);
        assertThat(onA ^ onB).as("runs on exactly one host (a=" + onA + ", b=" + onB + "), " + reports).isTrue();
        LibvirtDriver keeper = onA ? newA : newB;
        LibvirtDriver other = onA ? newB : newA;
        assertThat(reports.get(0).decision().keeper()).as("recovery names the keeper").isEqualTo(keeper.host());
        assertThat(other.instanceExists(instance)).as("no domain on " + other.host()).isFalse();
        assertThat(GuestProbe.hasInstanceDir(other, instance)).as("no instance dir on " + other.host()).isFalse();
        assertThat(GuestProbe.hasInstanceDir(keeper, instance)).as("instance dir on " + keeper.host()).isTrue();
        assertThat(GuestProbe.serialGrows(keeper, instance, Duration.ofSeconds(10))).as("alive").isTrue();

        LiveMigrationResult again = LiveMigrationTask.builder(keeper, other).build()
                .run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        assertThat(again.completed()).as("a follow-up migration: " + again.outcome()).isTrue();
        assertThat(GuestProbe.runsOn(other, instance)).as("runs on " + other.host() + " after it").isTrue();
    }

    /** The controller JVM, on this JVM's class path; returns once it has started the task. */
    private Process startController(Path journal) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CrashingController.class.getName(), journal.toString(), instance.uuid(), instance.name(),
                instance.imageRef()).redirectErrorStream(true);
        pb.environment().putAll(System.getenv());
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    synchronized (seen) {
                        seen.append(line).append('\n');
                        seen.notifyAll();
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process was killed: its output ends here
            }
        }, "controller-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        synchronized (seen) {
            while (!seen.toString().contains("STARTED")) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !p.isAlive()) {
                    throw new AssertionError("the controller did not start its migration:\n" + seen);
                }
                seen.wait(Math.min(left, 500));
            }
        }
        return p;
    }
}
