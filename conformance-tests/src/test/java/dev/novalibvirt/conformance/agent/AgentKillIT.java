package dev.novalibvirt.conformance.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.driver.LibvirtHostProbe;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.MigrationRecovery;
import dev.novalibvirt.migration.task.PendingStep;
import dev.novalibvirt.migration.task.Sleeper;
import dev.novalibvirt.migration.task.Step;
import dev.novalibvirt.migration.task.journal.FileMigrationJournal;
import dev.novalibvirt.migration.task.truth.RecoveryAction;
import dev.novalibvirt.rpc.compute.RemoteComputeDriver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent killed mid-migration and restarted (issue 13, with issue 11's journal and recovery): host-b's agent is
 * SIGKILLed as {@code live_migration} starts on host-a. libvirt's peer-to-peer job does not need it and completes,
 * host-a's agent runs the source's post steps, and {@code post_live_migration_at_destination} finds no agent: the
 * task reports NEEDS_RECOVERY on host-b with that step pending, never a bare exception. The agent is restarted,
 * {@link MigrationRecovery} reads the controller's journal and rolls forward through the agents; then, checked with
 * virsh, the filesystem and rbd: the guest runs on host-b only, on the same disk, host-a holds nothing, the journal
 * has nothing unfinished, and a migration back works.
 *
 * <p>The second case kills host-a's agent, the source, as soon as libvirt's job is seen running on host-a (or after
 * 3 s): a kill during the job ends NEEDS_RECOVERY (host-a's side can be neither asked nor finished); after the
 * restart recovery leaves the guest on exactly one host, whichever way libvirt's job went, the outcome agrees with
 * virsh, and a follow-up migration works.
 *
 * <p>Recovery runs as a controller that reaches only RabbitMQ would run it: every site is an agent's
 * ({@code RemoteComputeDriver} and its {@code probe()}, which asks the agent with
 * {@code get_live_migration_recovery_info}); the test's own libvirt connections only check the outcome (and, in the
 * second case, time the kill). In the first case recovery is also tried while host-b's agent is still dead: the look
 * times out within rpc_response_timeout, the host counts as unreachable, nothing changes (virsh) and the migration
 * stays open for the call after the restart. Skipped until lab.env names the lab's RabbitMQ.
 */
@ExtendWith(LabExtension.class)
class AgentKillIT {
    /** Short, so a dead agent is noticed in seconds (its heartbeats stop). */
    private static final Duration RPC_RESPONSE_TIMEOUT = Duration.ofSeconds(4);
    /** The long steps' limit, and their messages' TTL on the broker. */
    private static final Duration LONG_RPC_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path work;

    private AgentController.OnHosts hosts;
    private ContractLab lab;
    private LabAgents agents;
    private AgentController controller;
    private LibvirtDriver probeA;
    private LibvirtDriver probeB;
    private Instance instance;

    @BeforeEach
    void agentsOnBothHosts(LabEnv env) {
        hosts = AgentController.onHosts(env, work, "it-kill-controller");
        lab = hosts.lab();
        agents = hosts.agents();
        controller = hosts.controller();
        probeA = hosts.probe("a");
        probeB = hosts.probe("b");
        instance = hosts.newInstance("agt-kill");
    }

    @AfterEach
    void cleanUp() {
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void theDestinationAgentKilledDuringTheJobIsRecoveredAfterItsRestart() throws InterruptedException {
        controller.remote("a").spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
        assertThat(GuestProbe.serialGrows(probeA, instance, Duration.ofSeconds(10))).as("alive on host-a").isTrue();
        String diskId = VirshLook.rootDiskId(lab, instance);
        RemoteComputeDriver remoteA = controller.remote("a", RPC_RESPONSE_TIMEOUT, LONG_RPC_TIMEOUT);
        RemoteComputeDriver remoteB = controller.remote("b", RPC_RESPONSE_TIMEOUT, LONG_RPC_TIMEOUT);
        FileMigrationJournal journal = new FileMigrationJournal(work.resolve("migrations.journal"));
        AgentController.StepFault<Void> killDestinationAgent =
                AgentController.StepFault.before(Step.LIVE_MIGRATION, () -> agents.kill("b"));

        LiveMigrationResult r = LiveMigrationTask.builder(remoteA, remoteB).journal(journal)
                .listener(killDestinationAgent).build().run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        assertThat(killDestinationAgent.done()).as("host-b's agent killed as live_migration started").isCompleted();

        // The library's word: a typed outcome that says the guest is on host-b and what is left there.
        assertThat(r.outcome()).as("outcome " + r.outcome()).isInstanceOf(LiveMigrationOutcome.NeedsRecovery.class);
        assertThat(r.outcome().host()).as("the host that has the guest").isEqualTo(remoteB.host());
        assertThat(((LiveMigrationOutcome.NeedsRecovery) r.outcome()).pending()).extracting(PendingStep::step)
                .containsExactly(Step.POST_LIVE_MIGRATION_AT_DESTINATION);
        assertThat(journal.unfinished()).as("the migration stays open in the journal").hasSize(1);
        assertThat(VirshLook.of(lab, "b", instance).running()).as("virsh: runs on host-b already").isTrue();
        assertThat(VirshLook.domstate(lab, "a", instance.name())).as("virsh: gone from host-a").isEmpty();

        // Recovery while host-b's agent is dead: its look times out, nothing is done, the migration stays open.
        List<MigrationRecovery.Report> early = agentsOnly(journal, remoteA, remoteB).recover();
        assertThat(early).as("recovery without host-b's agent").singleElement().satisfies(rep -> {
            assertThat(rep.decision().action()).as(rep.decision().reason()).isEqualTo(RecoveryAction.RETRY_LATER);
            assertThat(rep.decision().reason()).contains(remoteB.host()).contains("rpc_response_timeout");
            assertThat(rep.finished()).isFalse();
        });
        assertThat(journal.unfinished()).as("still open for the next call").hasSize(1);
        assertThat(VirshLook.of(lab, "b", instance).running()).as("virsh: still runs on host-b").isTrue();
        assertThat(VirshLook.domstate(lab, "a", instance.name())).as("virsh: still gone from host-a").isEmpty();

        // The step the controller gave up on expires on the broker (its TTL is long_rpc_timeout), so the restarted
        // agent is not handed it behind recovery's back: recovery runs it, once.
        OptionalLong destinationStepSent = killDestinationAgent.firstStarted(Step.POST_LIVE_MIGRATION_AT_DESTINATION);
        if (destinationStepSent.isPresent()) {
            long expired = destinationStepSent.getAsLong() + LONG_RPC_TIMEOUT.plusSeconds(1).toNanos();
            Thread.sleep(Math.max(0, (expired - System.nanoTime()) / 1_000_000));
        }
        LabAgents.Agent restartedB = agents.restart("b");

        // host-b's agent settled its own side first: it names the incoming migration it prepared and, since the
        // guest arrived there, leaves its end to the controller's recovery; its own record of it is still there.
        Path incoming = lab.instancesPath("b").resolve("_agent").resolve(remoteB.host()).resolve("incoming")
                .resolve(instance.uuid());
        assertThat(restartedB.logText()).as("host-b's start-up recovery (agent log)")
                .contains("incoming migration of " + instance.uuid()).contains("its end is the controller's recover()");
        assertThat(incoming).as("host-b's own record of what pre_live_migration prepared").exists();

        List<MigrationRecovery.Report> reports = agentsOnly(journal, controller.remote("a"), controller.remote("b"))
                .recover();
        assertThat(reports).as("recovery").singleElement().satisfies(rep -> {
            assertThat(rep.decision().action()).as(rep.decision().reason()).isEqualTo(RecoveryAction.ROLL_FORWARD);
            assertThat(rep.finished()).as("finished: " + rep).isTrue();
        });
        assertThat(journal.unfinished()).as("nothing left unfinished in the journal").isEmpty();
        assertThat(incoming).as("host-b's record, settled by post_live_migration_at_destination").doesNotExist();

        // The truth, independently: host-b runs it on the same disk, host-a has nothing of it.
        VirshLook onA = VirshLook.of(lab, "a", instance);
        VirshLook onB = VirshLook.of(lab, "b", instance);
        assertThat(onB.running()).as("runs on host-b (virsh: " + onB + ")").isTrue();
        assertThat(onB.dir()).as("its dir is on host-b").isTrue();
        assertThat(onA.clean()).as("nothing on host-a (virsh, dir: " + onA + ")").isTrue();
        assertThat(VirshLook.rootDiskId(lab, instance)).as("the same RBD disk").isEqualTo(diskId);
        assertThat(GuestProbe.serialGrows(probeB, instance, Duration.ofSeconds(10))).as("alive on host-b").isTrue();

        LiveMigrationResult back = LiveMigrationTask.builder(controller.remote("b"), controller.remote("a")).build()
                .run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        assertThat(back.completed()).as("a follow-up migration back to host-a: " + back.outcome()).isTrue();
        assertThat(VirshLook.of(lab, "a", instance).running()).as("runs on host-a again").isTrue();
        assertThat(VirshLook.of(lab, "b", instance).clean()).as("nothing left on host-b").isTrue();
    }

    @Test
    void theSourceAgentKilledDuringTheJobEndsTypedAndRecoveryLeavesTheGuestOnExactlyOneHost() throws Exception {
        controller.remote("a").spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
        assertThat(GuestProbe.serialGrows(probeA, instance, Duration.ofSeconds(10))).as("alive on host-a").isTrue();
        String diskId = VirshLook.rootDiskId(lab, instance);
        RemoteComputeDriver remoteA = controller.remote("a", RPC_RESPONSE_TIMEOUT, LONG_RPC_TIMEOUT);
        RemoteComputeDriver remoteB = controller.remote("b", RPC_RESPONSE_TIMEOUT, LONG_RPC_TIMEOUT);
        FileMigrationJournal journal = new FileMigrationJournal(work.resolve("migrations.journal"));
        LibvirtHostProbe eyesOnA = LibvirtHostProbe.of(probeA);
        // host-a's agent dies once libvirt's job runs on host-a (or after 3 s, whatever the job did)
        AgentController.StepFault<Boolean> killSourceAgent = AgentController.StepFault.meanwhile(Step.LIVE_MIGRATION,
                () -> {
                    boolean sawJob = jobSeenWithin(eyesOnA, Duration.ofSeconds(3));
                    agents.kill("a");
                    return sawJob;
                });

        LiveMigrationResult r = LiveMigrationTask.builder(remoteA, remoteB).journal(journal)
                .listener(killSourceAgent).build().run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        boolean duringJob = killSourceAgent.done().get(30, TimeUnit.SECONDS);
        System.out.println("AgentKillIT: host-a's agent killed " + (duringJob ? "while libvirt's job ran" : "after 3 s")
                + "; outcome " + r.outcome());

        // The library's word: while the job ran, host-a's side could neither be asked nor finished.
        if (duringJob) {
            assertThat(r.outcome()).as("outcome " + r.outcome())
                    .isInstanceOf(LiveMigrationOutcome.NeedsRecovery.class);
        }
        agents.restart("a");
        List<MigrationRecovery.Report> reports = new MigrationRecovery(journal, List.of(
                site(controller.remote("a")), site(controller.remote("b"))),
                Clock.systemUTC(), Sleeper.system(), Duration.ofSeconds(60)).recover();
        if (r.outcome() instanceof LiveMigrationOutcome.NeedsRecovery) {
            assertThat(reports).as("recovery").singleElement().satisfies(rep -> {
                assertThat(rep.decision().action()).as(rep.decision().reason())
                        .isIn(RecoveryAction.ROLL_FORWARD, RecoveryAction.ROLL_BACK);
                assertThat(rep.finished()).as("finished: " + rep).isTrue();
            });
        } else {
            assertThat(reports).as("nothing to recover after " + r.outcome()).isEmpty();
        }
        assertThat(journal.unfinished()).as("nothing left unfinished in the journal").isEmpty();
        assertThat(lab.instancesPath("b").resolve("_agent").resolve(remoteB.host()).resolve("incoming")
                .resolve(instance.uuid())).as("host-b's record of the incoming migration, settled").doesNotExist();

        // The truth, independently: exactly one host runs it, on the same disk; the other has nothing of it.
        boolean onA = VirshLook.of(lab, "a", instance).running();
        boolean onB = VirshLook.of(lab, "b", instance).running();
        assertThat(onA ^ onB).as("runs on exactly one host (virsh: a " + onA + ", b " + onB + ")").isTrue();
        String keeper = onA ? "a" : "b";
        String other = onA ? "b" : "a";
        if (r.outcome() instanceof LiveMigrationOutcome.Completed) {
            assertThat(keeper).as("completed: the guest is on host-b").isEqualTo("b");
        } else if (r.outcome() instanceof LiveMigrationOutcome.RolledBack) {
            assertThat(keeper).as("rolled back: the guest is on host-a").isEqualTo("a");
        } else {
            String recoveredTo = reports.get(0).decision().keeper();
            assertThat(recoveredTo).as("recovery's keeper").isEqualTo(lab.hostValue(keeper, "NAME"));
        }
        VirshLook kept = VirshLook.of(lab, keeper, instance);
        VirshLook left = VirshLook.of(lab, other, instance);
        assertThat(kept.dir()).as("its dir is on host-" + keeper).isTrue();
        assertThat(left.clean()).as("nothing on host-" + other + " (virsh, dir: " + left + ")").isTrue();
        assertThat(VirshLook.rootDiskId(lab, instance)).as("the same RBD disk").isEqualTo(diskId);
        LibvirtDriver keeperEyes = keeper.equals("a") ? probeA : probeB;
        assertThat(GuestProbe.serialGrows(keeperEyes, instance, Duration.ofSeconds(10))).as("alive").isTrue();

        LiveMigrationResult again = LiveMigrationTask.builder(controller.remote(keeper), controller.remote(other))
                .build().run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        assertThat(again.completed()).as("a follow-up migration: " + again.outcome()).isTrue();
        assertThat(VirshLook.of(lab, other, instance).running()).as("runs on host-" + other + " after it").isTrue();
        assertThat(VirshLook.of(lab, keeper, instance).clean()).as("nothing left on host-" + keeper).isTrue();
    }

    /** Whether libvirt's job on the instance is seen on the host within {@code limit} (looked at every 20 ms). */
    private boolean jobSeenWithin(LibvirtHostProbe eyes, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (eyes.view(instance).jobActive()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** A recovery site as a controller that reaches only RabbitMQ has it: the agent's driver and its probe. */
    private static MigrationRecovery.Site site(RemoteComputeDriver remote) {
        return new MigrationRecovery.Site(remote, remote.probe());
    }

    private static MigrationRecovery agentsOnly(FileMigrationJournal journal, RemoteComputeDriver a,
                                                RemoteComputeDriver b) {
        return new MigrationRecovery(journal, List.of(site(a), site(b)), Clock.systemUTC(), Sleeper.system(),
                Duration.ofSeconds(30));
    }
}
