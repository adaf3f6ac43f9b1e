package dev.novalibvirt.conformance.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.lab.LabFaults;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.driver.LibvirtHostProbe;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.MigrationRecovery;
import dev.novalibvirt.migration.task.Sleeper;
import dev.novalibvirt.migration.task.Step;
import dev.novalibvirt.migration.task.journal.FileMigrationJournal;
import dev.novalibvirt.migration.task.truth.RecoveryAction;
import dev.novalibvirt.rpc.MessageDeliveryFailure;
import dev.novalibvirt.rpc.MessagingException;
import dev.novalibvirt.rpc.MessagingTimeout;
import dev.novalibvirt.rpc.compute.RemoteComputeDriver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * RabbitMQ restarted while a migration runs through the agents (issue 13), with {@code ./lab rabbit-restart} as an
 * operator's restart or a crash would: the broker goes away as {@code live_migration} starts on host-a, taking every
 * non-durable queue and the messages in them with it. libvirt's peer-to-peer job needs no broker; the agents and the
 * controller reconnect by themselves (kombu's backoff), declare their queues again, the source agent's report of
 * the job is retried until the controller's reply queue is back, and a request that finds no agent queue yet right
 * after the recovery is sent again. The migration is then completed (or, when a step could not wait that long,
 * reported NEEDS_RECOVERY and recovered from the journal), and, checked with virsh and the filesystem: the guest runs
 * on exactly one host on the same disk, the other holds nothing of it, the journal has nothing unfinished, the
 * agents are the same processes (they recovered, they were not restarted), and a follow-up migration through them
 * works. A third case: a call while the broker is down ends in a typed {@link MessagingException} within its limits
 * (never a hang), and the same agents answer once the broker is back.
 *
 * <p>Recovery's eyes on the hypervisors are the test's own libvirt connections, as in {@link AgentKillIT}. Skipped
 * until lab.env names the lab's RabbitMQ. Each case restarts the lab's broker; the last step of each makes sure it
 * runs again.
 */
@ExtendWith(LabExtension.class)
class AgentBrokerRestartIT {
    /** How long a whole broker restart may take on the lab before it counts as broken (the command waits for it). */
    private static final long RESTART_LIMIT_MINUTES = 5;

    @TempDir
    Path work;

    private LabEnv env;
    private AgentController.OnHosts hosts;
    private ContractLab lab;
    private LabAgents agents;
    private AgentController controller;
    private LibvirtDriver probeA;
    private LibvirtDriver probeB;
    private Instance instance;

    @BeforeEach
    void agentsOnBothHosts(LabEnv env) {
        this.env = env;
        hosts = AgentController.onHosts(env, work, "it-broker-restart-controller");
        lab = hosts.lab();
        agents = hosts.agents();
        controller = hosts.controller();
        probeA = hosts.probe("a");
        probeB = hosts.probe("b");
        instance = hosts.newInstance("agt-rmq");
    }

    @AfterEach
    void cleanUp() {
        if (hosts == null) {
            return;
        }
        try {
            if (!brokerAnswers()) {
                LabFaults.command("rabbit-restart.sh"); // a failed case must not leave the next ones without it
            }
        } finally {
            hosts.close();
        }
    }

    @Test
    void rabbitMqKilledAsTheMigrationStartsTheGuestEndsOnExactlyOneHostAndTheSameAgentsMigrateItAgain()
            throws Exception {
        migrateAcrossABrokerRestart("--kill", "--down", "3");
    }

    @Test
    void rabbitMqRestartedGracefullyMidMigrationTheGuestEndsOnExactlyOneHostAndTheSameAgentsMigrateItAgain()
            throws Exception {
        migrateAcrossABrokerRestart();
    }

    @Test
    void aCallWhileRabbitMqIsDownEndsTypedWithinItsLimitsAndTheSameAgentsAnswerAfterIt() throws Exception {
        RemoteComputeDriver quick = controller.remote("a", Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(quick.getAvailableResource().host()).as("host-a's agent answers").isNotBlank();
        long pidA = agents.agent("a").process().pid();

        CompletableFuture<Void> restart = CompletableFuture.runAsync(() ->
                LabFaults.command("rabbit-restart.sh", "--kill", "--down", "10"));
        awaitBroker(false, Duration.ofSeconds(60));
        long t0 = System.nanoTime();
        // on a thread of its own, so that a hang fails this test instead of blocking the suite
        Throwable thrown = CompletableFuture.supplyAsync(() -> catchThrowable(quick::getAvailableResource))
                .get(2, TimeUnit.MINUTES);
        System.out.printf("AgentBrokerRestartIT: a call while the broker was down ended after %.1f s: %s%n",
                (System.nanoTime() - t0) / 1e9, thrown);
        // the publish waits for the connection no longer than the call's 5 s, then says why
        assertThat(thrown).as("a typed messaging failure").isInstanceOfAny(MessageDeliveryFailure.class,
                MessagingTimeout.class);
        restart.get(RESTART_LIMIT_MINUTES, TimeUnit.MINUTES);

        ComputeInfo after = answeredOnceRecovered(quick, Duration.ofSeconds(120));
        assertThat(after.host()).as("the same agent answers after the restart").isNotBlank();
        assertThat(agents.agent("a").process().pid()).as("host-a's agent was not restarted").isEqualTo(pidA);
        assertThat(agents.agent("a").process().isAlive()).isTrue();
        assertThat(agents.agent("a").logText()).as("host-a's agent recovered its connection")
                .contains("recovered: exchanges, queues, bindings and consumers declared again");
    }

    private void migrateAcrossABrokerRestart(String... restartArgs) throws Exception {
        RemoteComputeDriver remoteA = controller.remote("a");
        RemoteComputeDriver remoteB = controller.remote("b");
        remoteA.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
        assertThat(GuestProbe.serialGrows(probeA, instance, Duration.ofSeconds(10))).as("alive on host-a").isTrue();
        String diskId = VirshLook.rootDiskId(lab, instance);
        long pidA = agents.agent("a").process().pid();
        long pidB = agents.agent("b").process().pid();
        FileMigrationJournal journal = new FileMigrationJournal(work.resolve("migrations.journal"));
        AgentController.StepFault<Void> restartTheBroker = AgentController.StepFault.meanwhile(Step.LIVE_MIGRATION,
                () -> LabFaults.command("rabbit-restart.sh", restartArgs));

        LiveMigrationResult r = LiveMigrationTask.builder(remoteA, remoteB).journal(journal)
                .listener(restartTheBroker).build().run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        restartTheBroker.done().get(RESTART_LIMIT_MINUTES, TimeUnit.MINUTES);
        System.out.println("AgentBrokerRestartIT " + String.join(" ", restartArgs) + ": outcome " + r.outcome()
                + " in " + r.total().toMillis() + " ms; steps " + r.steps());

        // The library's word: completed or rolled back, or recovered from the journal now that the broker is back.
        if (r.outcome() instanceof LiveMigrationOutcome.NeedsRecovery) {
            List<MigrationRecovery.Report> reports = new MigrationRecovery(journal, List.of(
                    new MigrationRecovery.Site(controller.remote("a"), LibvirtHostProbe.of(probeA)),
                    new MigrationRecovery.Site(controller.remote("b"), LibvirtHostProbe.of(probeB))),
                    Clock.systemUTC(), Sleeper.system(), Duration.ofSeconds(60)).recover();
            assertThat(reports).as("recovery").singleElement().satisfies(rep -> {
                assertThat(rep.decision().action()).as(rep.decision().reason())
                        .isIn(RecoveryAction.ROLL_FORWARD, RecoveryAction.ROLL_BACK);
                assertThat(rep.finished()).as("finished: " + rep).isTrue();
            });
        } else {
            assertThat(r.outcome()).as("outcome").isInstanceOfAny(LiveMigrationOutcome.Completed.class,
                    LiveMigrationOutcome.RolledBack.class);
            assertThat(agents.agent("a").logText() + agents.agent("b").logText())
                    .as("no reply was abandoned when the task saw every one").doesNotContain("abandoning the reply");
        }
        assertThat(journal.unfinished()).as("nothing left unfinished in the journal").isEmpty();

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
        }
        VirshLook kept = VirshLook.of(lab, keeper, instance);
        VirshLook left = VirshLook.of(lab, other, instance);
        assertThat(kept.dir()).as("its dir is on host-" + keeper).isTrue();
        assertThat(left.clean()).as("nothing on host-" + other + " (virsh, dir: " + left + ")").isTrue();
        assertThat(VirshLook.rootDiskId(lab, instance)).as("the same RBD disk").isEqualTo(diskId);
        LibvirtDriver keeperEyes = keeper.equals("a") ? probeA : probeB;
        assertThat(GuestProbe.serialGrows(keeperEyes, instance, Duration.ofSeconds(10))).as("alive").isTrue();

        // The same agent processes, never restarted: each recovered its own connection.
        for (String letter : List.of("a", "b")) {
            LabAgents.Agent agent = agents.agent(letter);
            assertThat(agent.process().isAlive()).as("host-" + letter + "'s agent runs").isTrue();
            assertThat(agent.process().pid()).as("host-" + letter + "'s agent was not restarted")
                    .isEqualTo(letter.equals("a") ? pidA : pidB);
            assertThat(agent.logText()).as("host-" + letter + "'s agent recovered its connection")
                    .contains("recovered: exchanges, queues, bindings and consumers declared again");
        }

        LiveMigrationResult again = LiveMigrationTask.builder(controller.remote(keeper), controller.remote(other))
                .build().run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        assertThat(again.completed()).as("a follow-up migration through the same agents: " + again.outcome())
                .isTrue();
        assertThat(VirshLook.of(lab, other, instance).running()).as("runs on host-" + other + " after it").isTrue();
        assertThat(VirshLook.of(lab, keeper, instance).clean()).as("nothing left on host-" + keeper).isTrue();
        String password = Files.readString(Path.of(env.get("RABBIT_PASSWORD_FILE"))).strip();
        assertThat(agents.agent("a").logText() + agents.agent("b").logText()).as("agent logs")
                .doesNotContain(password);
    }

    /** The call, retried until the agents have reconnected (their backoff reaches 30 s between attempts). */
    private static ComputeInfo answeredOnceRecovered(RemoteComputeDriver remote, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                return remote.getAvailableResource();
            } catch (MessagingException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /** Waits until the broker's AMQP port accepts connections ({@code up}) or refuses them. */
    private void awaitBroker(boolean up, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (brokerAnswers() != up) {
            assertThat(System.nanoTime()).as("the broker " + (up ? "up" : "down") + " within " + within)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private boolean brokerAnswers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(env.get("RABBIT_HOST"), Integer.parseInt(env.get("RABBIT_PORT"))), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
