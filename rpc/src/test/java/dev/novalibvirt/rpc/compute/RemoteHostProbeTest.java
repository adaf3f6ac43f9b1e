package dev.novalibvirt.rpc.compute;

import static dev.novalibvirt.rpc.Samples.INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.migration.task.truth.DomainPresence;
import dev.novalibvirt.migration.task.truth.HostProbe;
import dev.novalibvirt.migration.task.truth.HostView;
import dev.novalibvirt.migration.task.truth.InstanceDir;
import dev.novalibvirt.migration.task.truth.JobType;
import dev.novalibvirt.rpc.InMemoryTransport;
import dev.novalibvirt.rpc.client.RpcClient;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.config.TransportUrl;
import dev.novalibvirt.rpc.wire.IdSource;
import dev.novalibvirt.rpc.wire.RpcMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recovery's eyes through an agent: the controller asks host-a's agent what its libvirtd and instances_path hold
 * and has it mend the domain; an agent that does not answer makes the host unreachable, never a wrong answer.
 */
class RemoteHostProbeTest {
    private static final RpcOptions OPTIONS = new RpcOptions("controller", TransportUrl.parse("rabbit://u:p@h/"),
            Duration.ofSeconds(1), Duration.ofSeconds(10), RabbitOptions.defaults());
    private final InMemoryTransport broker = new InMemoryTransport();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private final ScriptedProbe onA = new ScriptedProbe("host-a");
    private RpcClient client;

    /** The host-side probe: answers as told, records the mends it was asked for. */
    static final class ScriptedProbe implements HostProbe {
        final String host;
        final List<String> mends = new CopyOnWriteArrayList<>();
        volatile HostView answer;
        volatile RuntimeException mendFailure;

        ScriptedProbe(String host) {
            this.host = host;
            this.answer = HostView.of(host, DomainPresence.ABSENT, false, JobType.NONE, InstanceDir.ABSENT);
        }

        @Override
        public HostView view(Instance instance) {
            return answer;
        }

        @Override
        public void resume(Instance instance) {
            mend("resume " + instance.name());
        }

        @Override
        public void persist(Instance instance) {
            mend("persist " + instance.name());
        }

        @Override
        public void powerOff(Instance instance) {
            mend("powerOff " + instance.name());
        }

        private void mend(String what) {
            if (mendFailure != null) {
                throw mendFailure;
            }
            mends.add(what);
        }
    }

    @BeforeEach
    void start() {
        new AgentDispatcher(new RecordingDriver("host-a"), onA, broker, workers, heartbeats, IdSource.random())
                .serve();
        client = new RpcClient(broker, IdSource.random(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        client.close();
        workers.shutdownNow();
        heartbeats.shutdownNow();
        broker.close();
    }

    private RemoteHostProbe probe(String host) {
        return new RemoteComputeDriver(host, client, OPTIONS).probe();
    }

    @Test
    void theAgentTellsItsDomainJobAndInstanceDir() {
        onA.answer = HostView.of("host-a", DomainPresence.PAUSED, false, JobType.UNBOUNDED, InstanceDir.PRESENT);
        HostView seen = probe("host-a").view(INSTANCE);
        assertThat(seen).isEqualTo(onA.answer);
        assertThat(seen.jobActive()).isTrue();
        onA.answer = HostView.of("host-a", DomainPresence.ABSENT, false, JobType.COMPLETED, InstanceDir.ABSENT);
        assertThat(probe("host-a").view(INSTANCE)).isEqualTo(onA.answer);
        assertThat(requests()).containsOnly("compute.host-a CALL get_live_migration_recovery_info");
    }

    @Test
    void theMendsRunOnTheAgentsHostOverComputeAlt() {
        RemoteHostProbe a = probe("host-a");
        a.resume(INSTANCE);
        a.persist(INSTANCE);
        a.powerOff(INSTANCE);
        assertThat(onA.mends).containsExactly("resume instance-0000002a", "persist instance-0000002a",
                "powerOff instance-0000002a");
        assertThat(requests()).containsExactly("compute-alt.host-a CALL live_migration_recovery_resume",
                "compute-alt.host-a CALL live_migration_recovery_persist",
                "compute-alt.host-a CALL live_migration_recovery_power_off");
    }

    @Test
    void aMendThatFailsOnTheHostArrivesTyped() {
        onA.mendFailure = new InstanceNotFound(INSTANCE.uuid());
        assertThatThrownBy(() -> probe("host-a").resume(INSTANCE)).isExactlyInstanceOf(InstanceNotFound.class);
    }

    @Test
    void anAgentThatDoesNotAnswerMakesTheHostUnreachableWithinRpcResponseTimeout() {
        long start = System.nanoTime();
        HostView seen = probe("host-c").view(INSTANCE);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(seen.reachable()).isFalse();
        assertThat(seen.host()).isEqualTo("host-c");
        assertThat(seen.detail()).contains("rpc_response_timeout").contains("1 s");
        assertThat(tookMs).as("bounded by rpc_response_timeout (1 s), not long_rpc_timeout").isLessThan(5_000);
    }

    @Test
    void anAgentWhoseLibvirtdFailsSaysSoAndTheHostIsUnreachable() {
        onA.answer = HostView.unreachable("host-a", "InternalError: End of file while reading data");
        HostView seen = probe("host-a").view(INSTANCE);
        assertThat(seen.reachable()).isFalse();
        assertThat(seen.detail()).contains("End of file while reading data");
    }

    @Test
    void anAnswerInAnotherHostsNameIsNotBelieved() {
        onA.answer = HostView.of("host-z", DomainPresence.RUNNING, true, JobType.NONE, InstanceDir.PRESENT);
        HostView seen = probe("host-a").view(INSTANCE);
        assertThat(seen.reachable()).isFalse();
        assertThat(seen.detail()).contains("MalformedMessage").contains("not the host asked");
    }

    @Test
    void anAgentThatServesNoRecoveryIsUnreachableForIt() {
        new AgentDispatcher(new RecordingDriver("host-old"), broker, workers, heartbeats, IdSource.random()).serve();
        HostView seen = probe("host-old").view(INSTANCE);
        assertThat(seen.reachable()).isFalse();
        assertThat(seen.detail()).contains("NoSuchMethod");
        assertThatThrownBy(() -> probe("host-old").powerOff(INSTANCE)).hasMessageContaining("NoSuchMethod");
    }

    /** Every request the controller published (replies excluded): "routing-key CALL|CAST method". */
    private List<String> requests() {
        return broker.published().stream().filter(p -> p.exchange().equals("nova")).map(p -> {
            RpcMessage m = RpcMessage.fromBody(p.body());
            return p.routingKey() + " " + (m.isCall() ? "CALL" : "CAST") + " " + m.method();
        }).toList();
    }
}
