package dev.novalibvirt.rpc.compute;

import static dev.novalibvirt.rpc.Samples.INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.DestinationDiskExists;
import dev.novalibvirt.rpc.MessageDeliveryFailure;
import dev.novalibvirt.rpc.MessageUndeliverable;
import dev.novalibvirt.rpc.MessagingTimeout;
import dev.novalibvirt.rpc.TestBroker;
import dev.novalibvirt.rpc.client.RpcClient;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.config.TransportUrl;
import dev.novalibvirt.rpc.transport.AmqpTransport;
import dev.novalibvirt.rpc.transport.Transport;
import dev.novalibvirt.rpc.wire.IdSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wire against a real RabbitMQ (skipped unless {@link TestBroker} names one): a controller and an agent, each on
 * its own connection, as two processes would be. Every test uses fresh host names, so queues other runs left behind
 * (they persist, as oslo's do) never interfere.
 */
class AmqpBrokerTest {
    private static final Duration SHORT = Duration.ofSeconds(2);
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private final String host = "it-" + IdSource.random().next().substring(0, 8);
    private final RecordingDriver agentDriver = new RecordingDriver(host);
    private TransportUrl url;
    private AmqpTransport agentSide;
    private AmqpTransport controllerSide;
    private RpcClient client;
    private Transport.Subscription serving;
    private RemoteComputeDriver remote;

    @BeforeEach
    void connect() {
        assumeThat(TestBroker.configured()).as("a broker named by -D" + TestBroker.PROPERTY).isTrue();
        url = TestBroker.url();
        agentSide = AmqpTransport.connect(url, RabbitOptions.defaults(), "it-agent:" + host);
        controllerSide = AmqpTransport.connect(url, RabbitOptions.defaults(), "it-controller");
        serving = new AgentDispatcher(agentDriver, agentSide, workers, heartbeats, IdSource.random()).serve();
        client = new RpcClient(controllerSide, IdSource.random(), Clock.systemUTC());
        remote = new RemoteComputeDriver(host, client, options(SHORT, Duration.ofSeconds(10)));
    }

    private RpcOptions options(Duration response, Duration longTimeout) {
        return new RpcOptions("controller", url, response, longTimeout, RabbitOptions.defaults());
    }

    @AfterEach
    void close() {
        workers.shutdownNow();
        heartbeats.shutdownNow();
        for (AutoCloseable c : Arrays.asList(serving, client, agentSide, controllerSide)) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing after a test: nothing to do
            }
        }
    }

    @Test
    void aThousandCallsRoundTripThroughTheBroker() {
        remote.getInfo(INSTANCE); // warm-up: reply queue, exchange declare, JIT
        int n = 1000;
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            InstanceInfo info = remote.getInfo(INSTANCE);
            micros[i] = (System.nanoTime() - t0) / 1000;
            assertThat(info.state()).isEqualTo(PowerState.RUNNING);
        }
        Arrays.sort(micros);
        System.out.printf("RESULT rpc-call-roundtrip calls=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f%n", n,
                micros[n / 2] / 1000.0, micros[n * 9 / 10] / 1000.0, micros[n * 99 / 100] / 1000.0,
                micros[n - 1] / 1000.0);
        assertThat(agentDriver.calls()).hasSize(n + 1);
    }

    @Test
    void aRefusalOnTheAgentArrivesAsItsOwnType() {
        agentDriver.failIn("preLiveMigration", () -> new DestinationDiskExists(java.nio.file.Path.of("/var/lib/nova/instances/x")));
        assertThatThrownBy(() -> remote.preLiveMigration(INSTANCE, dev.novalibvirt.rpc.Samples.DEVICES,
                dev.novalibvirt.rpc.Samples.NETWORK, dev.novalibvirt.rpc.Samples.FULL_MIGRATE_DATA))
                .isExactlyInstanceOf(DestinationDiskExists.class).hasMessageContaining("/var/lib/nova/instances/x");
    }

    @Test
    void anAgentThatStoppedListeningTimesOutWithinTheResponseTimeoutAndNeverRunsTheStaleCall() throws Exception {
        remote.getInfo(INSTANCE);
        serving.close(); // the agent's queue stays, as when its process dies
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> remote.getInfo(INSTANCE)).isInstanceOf(MessagingTimeout.class)
                .hasMessageContaining("get_info on compute." + host);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("RESULT rpc-call-timeout rpc_response_timeout_s=%d waited_s=%.3f%n", SHORT.toSeconds(),
                seconds);
        assertThat(seconds).isBetween(1.9, 4.0);
        Thread.sleep(200); // the message's TTL (the call's timeout) has passed: the broker dropped it
        serving = new AgentDispatcher(agentDriver, agentSide, workers, heartbeats, IdSource.random()).serve();
        assertThat(remote.getInfo(INSTANCE).state()).isEqualTo(PowerState.RUNNING);
        assertThat(agentDriver.calls()).extracting(RecordingDriver.Call::method).containsExactly("getInfo", "getInfo");
    }

    @Test
    void aCallToAHostThatNeverListenedFailsAtOnceAsUndeliverable() {
        RemoteComputeDriver nobody = new RemoteComputeDriver("never-" + host, client, options(SHORT, SHORT));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> nobody.getInfo(INSTANCE)).isInstanceOf(MessageUndeliverable.class)
                .hasMessageContaining("compute.never-" + host);
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.printf("RESULT rpc-call-undeliverable failed_after_ms=%.1f%n", ms);
        assertThat(ms).isLessThan(SHORT.toMillis());
    }

    @Test
    void heartbeatsKeepALongStepAliveBeyondTheCallMonitorTimeout() {
        agentDriver.delay("preLiveMigration", 3500);
        long t0 = System.nanoTime();
        remote.preLiveMigration(INSTANCE, dev.novalibvirt.rpc.Samples.DEVICES, dev.novalibvirt.rpc.Samples.NETWORK,
                dev.novalibvirt.rpc.Samples.FULL_MIGRATE_DATA);
        assertThat((System.nanoTime() - t0) / 1e9).isGreaterThan(3.4);
    }

    @Test
    void theLongTimeoutStillEndsAStepThatHeartbeatsForever() {
        RemoteComputeDriver impatient = new RemoteComputeDriver(host, client, options(Duration.ofSeconds(1),
                Duration.ofSeconds(3)));
        agentDriver.delay("preLiveMigration", 6000);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> impatient.preLiveMigration(INSTANCE, dev.novalibvirt.rpc.Samples.DEVICES,
                dev.novalibvirt.rpc.Samples.NETWORK, dev.novalibvirt.rpc.Samples.FULL_MIGRATE_DATA))
                .isInstanceOf(MessagingTimeout.class).hasMessageContaining("within 3 s");
        assertThat((System.nanoTime() - t0) / 1e9).isBetween(2.9, 5.0);
    }

    @Test
    void aWrongPasswordIsRefusedWithoutEitherPasswordInTextOrToString() {
        String good = TestBroker.password();
        String wrong = "wrong-" + good.substring(0, 6) + "-pw";
        TransportUrl.Host h = url.hosts().get(0);
        TransportUrl bad = new TransportUrl("rabbit", java.util.List.of(new TransportUrl.Host(h.hostname(), h.port(),
                h.username(), wrong)), url.virtualHost(), java.util.Map.of());
        assertThatThrownBy(() -> AmqpTransport.connect(bad, RabbitOptions.defaults(), "it-bad"))
                .isInstanceOf(MessageDeliveryFailure.class)
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(wrong).doesNotContain(good);
                        assertThat(t.toString()).doesNotContain(wrong);
                    }
                })
                .hasMessageContaining("ACCESS_REFUSED");
        assertThat(agentSide.toString()).doesNotContain(good).contains(":***@");
        assertThat(url.toString()).doesNotContain(good);
    }
}
