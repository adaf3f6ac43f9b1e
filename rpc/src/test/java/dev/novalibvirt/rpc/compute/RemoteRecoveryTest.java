package dev.novalibvirt.rpc.compute;

import static dev.novalibvirt.rpc.Samples.INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.migration.task.LiveMigrationHandle;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.MigrationRecovery;
import dev.novalibvirt.migration.task.journal.JournalEvent;
import dev.novalibvirt.migration.task.journal.JournalRecord;
import dev.novalibvirt.migration.task.journal.MigrationJournal;
import dev.novalibvirt.migration.task.truth.DomainPresence;
import dev.novalibvirt.migration.task.truth.HostView;
import dev.novalibvirt.migration.task.truth.InstanceDir;
import dev.novalibvirt.migration.task.truth.JobType;
import dev.novalibvirt.migration.task.truth.RecoveryAction;
import dev.novalibvirt.rpc.InMemoryTransport;
import dev.novalibvirt.rpc.client.RpcClient;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.config.TransportUrl;
import dev.novalibvirt.rpc.transport.Transport;
import dev.novalibvirt.rpc.wire.IdSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The controller dies after libvirt's job, before it recorded the verdict; a new controller that reaches the hosts
 * only through their agents runs {@code recover()}: the looks, the mends and the post or rollback steps all travel
 * to the agents, and an agent that is down holds the migration for the next call without anything changing.
 */
class RemoteRecoveryTest {
    private static final RpcOptions OPTIONS = new RpcOptions("controller", TransportUrl.parse("rabbit://u:p@h/"),
            Duration.ofSeconds(1), Duration.ofSeconds(5), RabbitOptions.defaults());
    private final InMemoryTransport broker = new InMemoryTransport();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private final RecordingDriver driverA = new RecordingDriver("host-a");
    private final RecordingDriver driverB = new RecordingDriver("host-b");
    private final RemoteHostProbeTest.ScriptedProbe probeA = new RemoteHostProbeTest.ScriptedProbe("host-a");
    private final RemoteHostProbeTest.ScriptedProbe probeB = new RemoteHostProbeTest.ScriptedProbe("host-b");
    private final ListJournal journal = new ListJournal();
    private Transport.Subscription agentB;
    private RpcClient client;

    /** The controller's process ends when the task is about to record libvirt's verdict. */
    private static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** A journal in memory; the "crash" leaves it as the dead controller wrote it. */
    private static final class ListJournal implements MigrationJournal {
        private final List<JournalRecord> records = Collections.synchronizedList(new ArrayList<>());
        volatile boolean dying;

        @Override
        public void append(JournalRecord r) {
            if (dying && r.event() == JournalEvent.JOB_ENDED) {
                throw new Crash();
            }
            records.add(r);
        }

        @Override
        public List<JournalRecord> records() {
            return List.copyOf(records);
        }
    }

    @BeforeEach
    void agentsAndADeadController() {
        new AgentDispatcher(driverA, probeA, broker, workers, heartbeats, IdSource.random()).serve();
        agentB = new AgentDispatcher(driverB, probeB, broker, workers, heartbeats, IdSource.random()).serve();
        client = new RpcClient(broker, IdSource.random(), Clock.systemUTC());
        journal.dying = true;
        LiveMigrationHandle h = LiveMigrationTask.builder(remote("host-a"), remote("host-b")).journal(journal)
                .build().start(INSTANCE, null, null);
        assertThatThrownBy(h::await).hasRootCauseInstanceOf(Crash.class);
        journal.dying = false;
        assertThat(journal.unfinished()).hasSize(1);
    }

    @AfterEach
    void stop() {
        client.close();
        workers.shutdownNow();
        heartbeats.shutdownNow();
        broker.close();
    }

    private RemoteComputeDriver remote(String host) {
        return new RemoteComputeDriver(host, client, OPTIONS);
    }

    /** A new controller's recovery: every site remote, no libvirt of its own. */
    private List<MigrationRecovery.Report> recover() {
        RemoteComputeDriver a = remote("host-a");
        RemoteComputeDriver b = remote("host-b");
        return new MigrationRecovery(journal, List.of(new MigrationRecovery.Site(a, a.probe()),
                new MigrationRecovery.Site(b, b.probe())), Clock.systemUTC(), d -> { }, Duration.ofSeconds(1))
                .recover();
    }

    private List<String> stepsRunOn(RecordingDriver d, int from) {
        return d.calls().subList(from, d.calls().size()).stream().map(RecordingDriver.Call::method).toList();
    }

    @Test
    void aGuestThatSwitchedOverIsRolledForwardThroughTheAgents() {
        int a0 = driverA.calls().size();
        int b0 = driverB.calls().size();
        probeB.answer = HostView.of("host-b", DomainPresence.RUNNING, true, JobType.NONE, InstanceDir.PRESENT);

        assertThat(recover()).singleElement().satisfies(r -> {
            assertThat(r.decision().action()).as(r.decision().reason()).isEqualTo(RecoveryAction.ROLL_FORWARD);
            assertThat(r.finished()).isTrue();
        });
        assertThat(stepsRunOn(driverA, a0)).containsExactly("postLiveMigrationAtSource", "cleanup");
        assertThat(stepsRunOn(driverB, b0)).containsExactly("postLiveMigrationAtDestination");
        assertThat(driverA.calls().get(driverA.calls().size() - 1).args().get(3))
                .as("cleanup's destroy_disks: RBD disks are never destroyed").isEqualTo(false);
        assertThat(journal.unfinished()).isEmpty();
    }

    @Test
    void aPausedSourceThatKeptTheGuestIsResumedByItsAgentAndTheDestinationRolledBack() {
        int a0 = driverA.calls().size();
        int b0 = driverB.calls().size();
        probeA.answer = HostView.of("host-a", DomainPresence.PAUSED, true, JobType.NONE, InstanceDir.PRESENT);
        probeB.answer = HostView.of("host-b", DomainPresence.ABSENT, false, JobType.NONE, InstanceDir.PRESENT);

        assertThat(recover()).singleElement().satisfies(r ->
                assertThat(r.decision().action()).isEqualTo(RecoveryAction.ROLL_BACK));
        assertThat(probeA.mends).containsExactly("resume " + INSTANCE.name());
        assertThat(stepsRunOn(driverA, a0)).containsExactly("rollbackLiveMigrationAtSource");
        assertThat(stepsRunOn(driverB, b0)).containsExactly("rollbackLiveMigrationAtDestination");
        assertThat(journal.unfinished()).isEmpty();
    }

    @Test
    void aDestinationAgentThatIsDownHoldsTheMigrationForTheNextCallAndNothingChanges() {
        agentB.close();
        int a0 = driverA.calls().size();
        probeB.answer = HostView.of("host-b", DomainPresence.RUNNING, true, JobType.NONE, InstanceDir.PRESENT);

        assertThat(recover()).singleElement().satisfies(r -> {
            assertThat(r.decision().action()).isEqualTo(RecoveryAction.RETRY_LATER);
            assertThat(r.decision().reason()).contains("host-b").contains("rpc_response_timeout");
            assertThat(r.finished()).isFalse();
        });
        assertThat(stepsRunOn(driverA, a0)).as("nothing ran on host-a").isEmpty();
        assertThat(probeA.mends).isEmpty();
        assertThat(journal.unfinished()).as("still open, and says why").hasSize(1);

        // host-b's agent is back: the next call finishes it
        new AgentDispatcher(driverB, probeB, broker, workers, heartbeats, IdSource.random()).serve();
        assertThat(recover()).singleElement().satisfies(r -> assertThat(r.finished()).isTrue());
        assertThat(journal.unfinished()).isEmpty();
    }
}
