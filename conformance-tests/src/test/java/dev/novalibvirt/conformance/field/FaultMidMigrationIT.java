package dev.novalibvirt.conformance.field;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.lab.LabFaults;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.conformance.migration.MigrationScenario;
import dev.novalibvirt.conformance.migration.MigrationScenarioExtension;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.driver.LibvirtHostProbe;
import dev.novalibvirt.migration.task.LiveMigrationListener;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.MigrationRecovery;
import dev.novalibvirt.migration.task.Sleeper;
import dev.novalibvirt.migration.task.Step;
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
 * A fault in the middle of a migration (issue 11, one fast case of each class CI runs): the destination's libvirtd
 * killed -9 as {@code live_migration} starts, the source's libvirtd restarted during the job, the destination's link
 * cut for 30 s during the job (the controller crash is {@link ControllerCrashIT}; QEMU kills, an OSD restart and an
 * abort racing the job's start are {@link CrashAndRaceMidMigrationIT}). The library must end with a typed outcome that
 * matches where the guest really is; whatever it could not do on the dead host is left to {@code recover()}, which,
 * once the host's libvirtd is back, leaves the guest on exactly one host and nothing behind. Checked with virsh and
 * the filesystem, not with the library's word; a follow-up migration must then work.
 */
@ExtendWith({LabExtension.class, MigrationScenarioExtension.class})
class FaultMidMigrationIT {
    @TempDir
    Path tmp;

    private ContractLab lab;
    private MigrationScenario scenario;
    private LibvirtDriver a;
    private LibvirtDriver b;
    private Instance instance;
    private volatile boolean linkDown;

    @BeforeEach
    void hosts(MigrationScenario scenario) {
        // the lock first: no connection to a libvirtd that another run may be restarting
        scenario.closeLast(FieldLab.exclusive("host-libvirtd"));
        this.scenario = scenario;
        lab = scenario.lab();
        a = scenario.source();
        b = scenario.destination();
        instance = scenario.newInstance("fault");
    }

    /** Before the scenario's cleanup (which reaches both hosts with fresh drivers): both hosts back as they were. */
    @AfterEach
    void bringTheHostsBack() {
        if (linkDown) {
            labCommand("host-link.sh", "b", "up");
        }
        // whatever the test did, both libvirtds run again (a running one is just restarted: its guests stay)
        labCommand("host-restart.sh", "a");
        labCommand("host-restart.sh", "b");
    }

    @Test
    void theDestinationLibvirtdKilledAsTheMigrationStartsLeavesTheGuestOnTheSourceAndNothingBehind() {
        scenario.spawn(a, instance);
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("alive on host-a").isTrue();
        FileMigrationJournal journal = new FileMigrationJournal(tmp.resolve("migrations.journal"));
        LiveMigrationListener killDestination = new LiveMigrationListener() {
            @Override
            public void stepStarted(Step step, String host) {
                if (step == Step.LIVE_MIGRATION) {
                    labCommand("host-kill.sh", "b");
                }
            }
        };

        LiveMigrationResult r = LiveMigrationTask.builder(a, b).journal(journal).listener(killDestination).build()
                .run(instance, NetworkInfo.none(), BlockDeviceInfo.none());

        // The library's word: never "completed", and the guest is where it says.
        assertThat(r.outcome()).as("outcome " + r.outcome()).isNotInstanceOf(LiveMigrationOutcome.Completed.class);
        assertThat(r.outcome().host()).isEqualTo(a.host());
        assertThat(GuestProbe.runsOn(a, instance)).as("still runs on host-a (virsh)").isTrue();

        labCommand("host-restart.sh", "b");
        LibvirtDriver freshB = scenario.driver("b");
        List<MigrationRecovery.Report> reports = new MigrationRecovery(journal, List.of(
                new MigrationRecovery.Site(a, LibvirtHostProbe.of(a)),
                new MigrationRecovery.Site(freshB, LibvirtHostProbe.of(freshB))),
                Clock.systemUTC(), Sleeper.system(), Duration.ofSeconds(30)).recover();
        if (r.outcome() instanceof LiveMigrationOutcome.NeedsRecovery) {
            assertThat(reports).as("recovery of what could not be done on host-b").singleElement()
                    .satisfies(rep -> assertThat(rep.finished()).as("finished: " + rep).isTrue());
        }
        assertThat(journal.unfinished()).as("nothing left unfinished in the journal").isEmpty();

        // The truth, independently: exactly one host has the guest, nothing of it is left on the other.
        assertThat(GuestProbe.runsOn(a, instance)).as("runs on host-a").isTrue();
        assertThat(freshB.instanceExists(instance)).as("no domain on host-b").isFalse();
        assertThat(GuestProbe.hasInstanceDir(freshB, instance)).as("no instance dir on host-b").isFalse();
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("alive").isTrue();

        LiveMigrationResult again = LiveMigrationTask.builder(a, freshB).build()
                .run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        assertThat(again.completed()).as("a follow-up migration: " + again.outcome()).isTrue();
        assertThat(GuestProbe.runsOn(freshB, instance)).as("runs on host-b after the follow-up").isTrue();
    }

    @Test
    void theSourceLibvirtdRestartedDuringTheJobEndsWithTheGuestOnExactlyOneHost() throws Exception {
        // 1 MiB/s: the job is still running when the source's libvirtd goes away
        LibvirtDriver slowA = scenario.driver("a", lab.instancesPath("a"),
                "[libvirt]\nlive_migration_bandwidth = 1\n", lab.cephxKeys(), false);
        scenario.spawn(slowA, instance);
        assertThat(GuestProbe.serialGrows(slowA, instance, Duration.ofSeconds(10))).as("alive on host-a").isTrue();
        FileMigrationJournal journal = new FileMigrationJournal(tmp.resolve("migrations.journal"));

        var handle = LiveMigrationTask.builder(slowA, b).journal(journal).build()
                .start(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        scenario.awaitLibvirtJob(a, instance, Duration.ofSeconds(30));
        labCommand("host-restart.sh", "a");
        LiveMigrationResult r = handle.await(Duration.ofMinutes(3)).orElseThrow(
                () -> new AssertionError("the migration did not end within 3 minutes of the restart"));

        // The library's word must match the truth, whichever way libvirt ended the job.
        boolean onA = GuestProbe.runsOn(a, instance);
        boolean onB = GuestProbe.runsOn(b, instance);
        assertThat(onA ^ onB).as("runs on exactly one host (a=" + onA + ", b=" + onB + "), outcome " + r.outcome())
                .isTrue();
        if (!(r.outcome() instanceof LiveMigrationOutcome.NeedsRecovery)) {
            assertThat(r.outcome().host()).as("outcome " + r.outcome()).isEqualTo(onA ? a.host() : b.host());
        }
        new MigrationRecovery(journal, List.of(new MigrationRecovery.Site(a, LibvirtHostProbe.of(a)),
                new MigrationRecovery.Site(b, LibvirtHostProbe.of(b))), Clock.systemUTC(), Sleeper.system(),
                Duration.ofSeconds(60)).recover();
        assertThat(journal.unfinished()).as("nothing left unfinished in the journal").isEmpty();
        LibvirtDriver keeper = onA ? a : b;
        LibvirtDriver other = onA ? b : a;
        assertThat(GuestProbe.runsOn(keeper, instance)).as("runs on " + keeper.host()).isTrue();
        assertThat(other.instanceExists(instance)).as("no domain on " + other.host()).isFalse();
        assertThat(GuestProbe.hasInstanceDir(other, instance)).as("no instance dir on " + other.host()).isFalse();
        assertThat(GuestProbe.serialGrows(keeper, instance, Duration.ofSeconds(10))).as("alive").isTrue();

        LiveMigrationResult again = LiveMigrationTask.builder(keeper, other).build()
                .run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        assertThat(again.completed()).as("a follow-up migration: " + again.outcome()).isTrue();
    }

    @Test
    void theDestinationsLinkCutForThirtySecondsDuringTheJobLeavesTheGuestOnTheSourceAndNothingBehind()
            throws Exception {
        LibvirtDriver slowA = scenario.driver("a", lab.instancesPath("a"),
                "[libvirt]\nlive_migration_bandwidth = 1\n", lab.cephxKeys(), false);
        scenario.spawn(slowA, instance);
        assertThat(GuestProbe.serialGrows(slowA, instance, Duration.ofSeconds(10))).as("alive on host-a").isTrue();
        FileMigrationJournal journal = new FileMigrationJournal(tmp.resolve("migrations.journal"));

        var handle = LiveMigrationTask.builder(slowA, b).journal(journal).build()
                .start(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        scenario.awaitLibvirtJob(a, instance, Duration.ofSeconds(30));
        labCommand("host-link.sh", "b", "down");
        linkDown = true;
        Thread.sleep(30_000);
        labCommand("host-link.sh", "b", "up");
        linkDown = false;
        LiveMigrationResult r = handle.await(Duration.ofMinutes(3)).orElseThrow(
                () -> new AssertionError("the migration did not end within 3 minutes of the link's return"));

        // The library's word: never "completed" (the stream could not finish), and the guest is where it says.
        assertThat(r.outcome()).as("outcome " + r.outcome()).isNotInstanceOf(LiveMigrationOutcome.Completed.class);
        assertThat(r.outcome().host()).isEqualTo(a.host());
        assertThat(GuestProbe.runsOn(a, instance)).as("still runs on host-a (virsh)").isTrue();

        new MigrationRecovery(journal, List.of(new MigrationRecovery.Site(a, LibvirtHostProbe.of(a)),
                new MigrationRecovery.Site(b, LibvirtHostProbe.of(b))), Clock.systemUTC(), Sleeper.system(),
                Duration.ofSeconds(60)).recover();
        assertThat(journal.unfinished()).as("nothing left unfinished in the journal").isEmpty();
        assertThat(b.instanceExists(instance)).as("no domain on host-b").isFalse();
        assertThat(GuestProbe.hasInstanceDir(b, instance)).as("no instance dir on host-b").isFalse();
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("alive").isTrue();

        LiveMigrationResult again = LiveMigrationTask.builder(a, b).build()
                .run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        assertThat(again.completed()).as("a follow-up migration: " + again.outcome()).isTrue();
        assertThat(GuestProbe.runsOn(b, instance)).as("runs on host-b after the follow-up").isTrue();
    }

    private static void labCommand(String script, String... args) {
        LabFaults.command(script, args);
    }
}
