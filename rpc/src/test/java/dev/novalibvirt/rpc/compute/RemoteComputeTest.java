package dev.novalibvirt.rpc.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidHostname;
import dev.novalibvirt.rpc.InMemoryTransport;
import dev.novalibvirt.rpc.Samples;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.config.TransportUrl;
import dev.novalibvirt.rpc.wire.IdSource;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A controller names hosts and drives each one's agent through one shared connection. */
class RemoteComputeTest {
    private static final RpcOptions OPTIONS = new RpcOptions("controller", TransportUrl.parse("rabbit://u:p@h/"),
            Duration.ofSeconds(1), Duration.ofSeconds(10), RabbitOptions.defaults());
    private final InMemoryTransport broker = new InMemoryTransport();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        workers.shutdownNow();
        heartbeats.shutdownNow();
        broker.close();
    }

    @Test
    void eachNamedHostIsServedByItsOwnAgent() {
        RecordingDriver agentA = new RecordingDriver("compute-1");
        RecordingDriver agentB = new RecordingDriver("compute-2");
        new AgentDispatcher(agentA, broker, workers, heartbeats, IdSource.random()).serve();
        new AgentDispatcher(agentB, broker, workers, heartbeats, IdSource.random()).serve();
        try (RemoteCompute compute = RemoteCompute.over(broker, OPTIONS, Clock.systemUTC())) {
            RemoteComputeDriver second = compute.host("compute-2");
            assertThat(second.host()).isEqualTo("compute-2");
            assertThat(second.instanceExists(Samples.INSTANCE)).isTrue();
        }
        assertThat(agentB.calls()).extracting(RecordingDriver.Call::method).containsExactly("instanceExists");
        assertThat(agentA.calls()).as("the other agent saw nothing").isEmpty();
    }

    @Test
    void aHostWithoutANameIsRefused() {
        try (RemoteCompute compute = RemoteCompute.over(broker, OPTIONS, Clock.systemUTC())) {
            assertThatThrownBy(() -> compute.host(" ")).isInstanceOf(InvalidHostname.class)
                    .hasMessageContaining("[DEFAULT] host");
            assertThatThrownBy(() -> compute.host(null)).isInstanceOf(InvalidHostname.class);
        }
    }
}
