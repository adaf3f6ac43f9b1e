package dev.novalibvirt.conformance.field;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.agent.VirshLook;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.lab.LabFaults;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.conformance.migration.MigrationScenario;
import dev.novalibvirt.conformance.migration.MigrationScenarioExtension;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.driver.LibvirtHostProbe;
import dev.novalibvirt.migration.task.LiveMigrationHandle;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast cases of issue 11's fault classes that {@link FaultMidMigrationIT} does not cover: the guest's QEMU
 * killed on the destination or on the source while libvirt runs the job, the OSDs restarted during the job, and an
 * abort racing the start of the job. Each ends with a typed outcome that matches where the guest is, checked without
 * the library: virsh on both hosts, the instance dirs, the root disk's RBD image id, the serial log; then a
 * follow-up migration must work.
 */
@ExtendWith({LabExtension.class, MigrationScenarioExtension.class})
class CrashAndRaceMidMigrationIT {
    private static final Duration END = Duration.ofSeconds(45);

    @TempDir
    Path tmp;

    private ContractLab lab;
    private MigrationScenario scenario;
    private LabFaults faults;
    private LibvirtDriver a;
    private LibvirtDriver b;
    private Instance instance;
    private FileMigrationJournal journal;
    private String imageId;

    @BeforeEach
    void hosts(MigrationScenario scenario) {
        // the lock first: FaultMidMigrationIT and ControllerCrashIT restart these hosts' libvirtds under it
        scenario.closeLast(FieldLab.exclusive("host-libvirtd"));
        this.scenario = scenario;
        lab = scenario.lab();
        faults = new LabFaults(LabEnv.load());
        a = scenario.source();
        b = scenario.destination();
        instance = scenario.newInstance("crash");
        journal = new FileMigrationJournal(tmp.resolve("migrations.journal"));
    }

    /** The guest on host-a through a driver that migrates at 1 MiB/s, so that the job still runs when the fault hits. */
    private LibvirtDriver spawnOnASlowSource() {
        LibvirtDriver slowA = scenario.driver("a", lab.instancesPath("a"),
                "[libvirt]\nlive_migration_bandwidth = 1\n", lab.cephxKeys(), false);
        scenario.spawn(slowA, instance);
        assertThat(GuestProbe.serialGrows(slowA, instance, Duration.ofSeconds(10))).as("alive on host-a").isTrue();
        imageId = VirshLook.rootDiskId(lab, instance);
        assertThat(imageId).as("root disk in rbd").isNotNull();
        return slowA;
    }

    @Test
    void theDestinationQemuKilledDuringTheJobLeavesTheGuestRunningOnTheSourceAndNothingOnTheDestination()
            throws Exception {
        LibvirtDriver slowA = spawnOnASlowSource();
        LiveMigrationHandle handle = LiveMigrationTask.builder(slowA, b).journal(journal).build()
                .start(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        scenario.awaitLibvirtJob(a, instance, Duration.ofSeconds(30));
        assertThat(killQemu("b")).as("the incoming QEMU on host-b was found and killed").isTrue();
        LiveMigrationResult r = end(handle);

        assertThat(r.outcome()).as("outcome " + r.outcome()).isNotInstanceOf(LiveMigrationOutcome.Completed.class);
        assertThat(r.outcome().host()).isEqualTo(a.host());
        recoverAndCloseTheJournal();
        assertGuestRunsOnlyOn("a", "b");
        followUp(a, b, "b");
    }

    @Test
    void theSourceQemuKilledDuringTheJobRollsBackAndLeavesTheGuestStoppedOnTheSourceOnlyWhereItStartsAgain()
            throws Exception {
        LibvirtDriver slowA = spawnOnASlowSource();
        LiveMigrationHandle handle = LiveMigrationTask.builder(slowA, b).journal(journal).build()
                .start(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        scenario.awaitLibvirtJob(a, instance, Duration.ofSeconds(30));
        assertThat(killQemu("a")).as("the guest's QEMU on host-a was found and killed").isTrue();
        LiveMigrationResult r = end(handle);

        // libvirt reads the stopped source as a finished job; the destination never got the guest: rolled back, and
        // the outcome says the guest is stopped there and what to do
        assertThat(r.outcome()).as("outcome " + r.outcome()).isInstanceOf(LiveMigrationOutcome.RolledBack.class);
        LiveMigrationOutcome.RolledBack rb = (LiveMigrationOutcome.RolledBack) r.outcome();
        assertThat(rb.host()).isEqualTo(a.host());
        assertThat(rb.status()).isEqualTo(MigrationStatus.FAILED);
        assertThat(rb.powerState()).isIn(PowerState.SHUTDOWN, PowerState.CRASHED);
        assertThat(rb.remedy()).startsWith("start the guest on " + a.host() + ": ");
        recoverAndCloseTheJournal();
        VirshLook onA = VirshLook.of(lab, "a", instance);
        assertThat(onA.state()).as("virsh on host-a").hasValue("shut off");
        assertThat(onA.dir()).as("instance dir on host-a").isTrue();
        assertThat(VirshLook.of(lab, "b", instance).clean()).as("no domain, no instance dir on host-b").isTrue();
        assertThat(VirshLook.rootDiskId(lab, instance)).as("the same RBD image").isEqualTo(imageId);

        ContractLab.Run start = ContractLab.run(Duration.ofSeconds(60), "virsh", "-c", lab.hostValue("a", "URI"),
                "start", instance.name());
        assertThat(start.exitCode()).as("virsh start on host-a: " + start.output()).isZero();
        assertGuestRunsOnlyOn("a", "b");
        followUp(a, b, "b");
    }

    @Test
    void theOsdsRestartedDuringTheJobOnlyDelayItTheGuestArrivesOnTheDestination() throws Exception {
        // every session's Ceph I/O stalls while the OSD restarts: one such test at a time
        scenario.closeLast(FieldLab.exclusive("ceph-osd"));
        LibvirtDriver slowA = spawnOnASlowSource();
        LiveMigrationHandle handle = LiveMigrationTask.builder(slowA, b).journal(journal).build()
                .start(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        scenario.awaitLibvirtJob(a, instance, Duration.ofSeconds(30));
        // past libvirt's Prepare phase (the incoming QEMU has opened the disk): QEMU's transfer runs
        awaitTransferStarted(Duration.ofSeconds(30));
        faults.restartOsds(); // returns once the cluster serves I/O again
        LiveMigrationResult r = end(handle);

        assertThat(r.outcome()).isEqualTo(new LiveMigrationOutcome.Completed(b.host()));
        assertThat(journal.unfinished()).as("nothing left unfinished in the journal").isEmpty();
        assertGuestRunsOnlyOn("b", "a");
        followUp(b, a, "a");
    }

    @Test
    void anAbortRacingTheStartOfTheJobCancelsItAndTheGuestRunsOnTheSourceOnly() throws Exception {
        scenario.spawn(a, instance);
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("alive on host-a").isTrue();
        imageId = VirshLook.rootDiskId(lab, instance);
        CompletableFuture<LiveMigrationHandle> started = new CompletableFuture<>();
        CompletableFuture<Void> aborted = new CompletableFuture<>();
        LiveMigrationListener abortAtOnce = new LiveMigrationListener() {
            @Override
            public void stepStarted(Step step, String host) {
                if (step == Step.LIVE_MIGRATION) {
                    // another thread, as an embedder's API call: this one is about to hand the job to the driver
                    CompletableFuture.runAsync(() -> started.join().abort())
                            .whenComplete((v, e) -> {
                                if (e == null) {
                                    aborted.complete(null);
                                } else {
                                    aborted.completeExceptionally(e);
                                }
                            });
                }
            }
        };
        LiveMigrationHandle handle = LiveMigrationTask.builder(a, b).journal(journal).listener(abortAtOnce).build()
                .start(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        started.complete(handle);
        LiveMigrationResult r = end(handle);

        aborted.get(10, TimeUnit.SECONDS); // the abort was accepted, not refused
        assertThat(r.outcome()).isEqualTo(new LiveMigrationOutcome.RolledBack(a.host(),
                MigrationStatus.CANCELLED, PowerState.RUNNING, ""));
        assertThat(journal.unfinished()).as("nothing left unfinished in the journal").isEmpty();
        assertGuestRunsOnlyOn("a", "b");
        followUp(a, b, "b");
    }

    private LiveMigrationResult end(LiveMigrationHandle handle) {
        return handle.await(END).orElseThrow(() -> new AssertionError("the migration did not end within "
                + END.toSeconds() + " s of the fault"));
    }

    /**
     * Until virsh's {@code domjobinfo} on host-a counts memory (QEMU's transfer has begun, so libvirt's Prepare phase
     * on host-b is over); before that it shows only the job's type and time.
     */
    private void awaitTransferStarted(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            ContractLab.Run job = ContractLab.run(Duration.ofSeconds(10), "virsh", "-c", lab.hostValue("a", "URI"),
                    "domjobinfo", instance.name());
            if (job.exitCode() == 0 && job.output().contains("Memory processed:")) {
                return;
            }
            assertThat(System.nanoTime()).as("QEMU's transfer under way within " + within.toSeconds() + " s: "
                    + job.output().strip()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** kill -9 of the guest's QEMU on host {@code letter}; the incoming one may take a moment to appear. */
    private boolean killQemu(String letter) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (faults.killQemu(letter, instance.name())) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Recovery with drivers of both hosts; whatever the outcome left, the journal ends closed. */
    private void recoverAndCloseTheJournal() {
        new MigrationRecovery(journal, List.of(new MigrationRecovery.Site(a, LibvirtHostProbe.of(a)),
                new MigrationRecovery.Site(b, LibvirtHostProbe.of(b))), Clock.systemUTC(), Sleeper.system(),
                Duration.ofSeconds(30)).recover();
        assertThat(journal.unfinished()).as("nothing left unfinished in the journal").isEmpty();
    }

    /** virsh, the instance dirs, rbd and the serial log: the guest lives on {@code keeper} alone, unchanged. */
    private void assertGuestRunsOnlyOn(String keeper, String other) {
        assertThat(VirshLook.of(lab, keeper, instance).running()).as("virsh: running on host-" + keeper).isTrue();
        VirshLook rest = VirshLook.of(lab, other, instance);
        assertThat(rest.clean()).as("no domain, no instance dir on host-" + other + ": " + rest).isTrue();
        assertThat(VirshLook.rootDiskId(lab, instance)).as("the same RBD image").isEqualTo(imageId);
        LibvirtDriver keeperDriver = keeper.equals("a") ? a : b;
        assertThat(GuestProbe.serialGrows(keeperDriver, instance, Duration.ofSeconds(10))).as("alive").isTrue();
    }

    private void followUp(LibvirtDriver from, LibvirtDriver to, String toLetter) {
        LiveMigrationResult again = LiveMigrationTask.builder(from, to).build()
                .run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        assertThat(again.completed()).as("a follow-up migration: " + again.outcome()).isTrue();
        assertThat(VirshLook.of(lab, toLetter, instance).running()).as("virsh: running on host-" + toLetter
                + " after the follow-up").isTrue();
    }
}
