package dev.novalibvirt.conformance.field;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.controller.ControllerArgs;
import dev.novalibvirt.conformance.controller.ControllerLine.Mark;
import dev.novalibvirt.conformance.controller.ControllerProcess;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
    private ControllerProcess controller;

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
            controller.close();
        }
    }

    @Test
    void aControllerKilledDuringTheJobLeavesAJournalFromWhichRecoveryPutsTheGuestOnExactlyOneHost()
            throws Exception {
        scenario.spawn(a, instance);
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("alive on host-a").isTrue();
        Path journalFile = tmp.resolve("migrations.journal");

        // 1 MiB/s keeps the job running long enough to be killed in the middle of it
        controller = new ControllerProcess(new ControllerArgs(journalFile, instance, 1)).start();
        if (controller.await(Mark.STARTED, Duration.ofSeconds(90)).isEmpty()) {
            throw new AssertionError("the controller did not start its migration:\n" + controller.tail());
        }
        scenario.awaitLibvirtJob(a, instance, Duration.ofSeconds(60));
        int exit = controller.kill();
        assertThat(controller.process().isAlive()).as("the controller JVM is gone").isFalse();
        assertThat(exit).as("killed by SIGKILL").isEqualTo(137);

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
}
