package dev.novalibvirt.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.migration.task.truth.DomainPresence;
import dev.novalibvirt.migration.task.truth.HostProbe;
import dev.novalibvirt.migration.task.truth.HostView;
import dev.novalibvirt.migration.task.truth.InstanceDir;
import dev.novalibvirt.migration.task.truth.JobType;
import dev.novalibvirt.rpc.MessageDeliveryFailure;
import dev.novalibvirt.rpc.client.RpcClient;
import dev.novalibvirt.rpc.compute.RemoteComputeDriver;
import dev.novalibvirt.rpc.wire.IdSource;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An agent wired from its nova.conf serves its driver, and stops as oslo.service stops a compute. */
class ComputeAgentTest {
    private static final Instance INSTANCE = new Instance("6f1c9d0a-3b2e-4c5d-8e7f-0a1b2c3d4e5f",
            "instance-0000002a", 64, 1, 1, null);
    private static final String CONF = "[DEFAULT]\nhost = host-b\ntransport_url = rabbit://nova:pw@127.0.0.1/nova\n"
            + "rpc_response_timeout = 5\ngraceful_shutdown_timeout = 5\nexecutor_thread_pool_size = 2\n";
    private final FakeParts.Broker broker = new FakeParts.Broker();
    private final AtomicInteger driverClosed = new AtomicInteger();
    private final AtomicInteger resourcesClosed = new AtomicInteger();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutdown() {
        broker.shutdown();
    }

    private ComputeAgent launch(long stepMillis) {
        AgentConfig config = AgentConfig.parse(CONF);
        return AgentMain.launch(config, c -> new AgentDrivers.HostDriver(
                FakeParts.driver(c.host(), stepMillis, driverClosed, calls), resourcesClosed::incrementAndGet),
                c -> broker);
    }

    private RemoteComputeDriver controller() {
        return new RemoteComputeDriver("host-b", new RpcClient(broker, IdSource.random(), Clock.systemUTC()),
                AgentConfig.parse(CONF).rpc());
    }

    @Test
    void theAgentServesItsHostsDriverAsServerHostOfComputeAndComputeAlt() {
        try (ComputeAgent agent = launch(0)) {
            assertThat(broker.listening("compute.host-b")).isTrue();
            assertThat(broker.listening("compute-alt.host-b")).isTrue();
            assertThat(controller().getInfo(INSTANCE).state()).isEqualTo(PowerState.RUNNING);
            assertThat(agent).isNotNull();
        }
        assertThat(driverClosed).hasValue(1);
        assertThat(resourcesClosed).hasValue(1);
        assertThat(broker.closed).hasValue(1);
    }

    @Test
    void stoppingLetsTheRunningStepFinishAndReplyThenStopsConsumingAndClosesEverything() throws Exception {
        ComputeAgent agent = launch(800);
        RemoteComputeDriver remote = controller();
        CompletableFuture<PowerState> inFlight = CompletableFuture.supplyAsync(() -> remote.getInfo(INSTANCE).state());
        while (calls.isEmpty()) {
            Thread.sleep(10);
        }
        assertThat(agent.stop()).isTrue();
        assertThat(inFlight.get(5, TimeUnit.SECONDS)).isEqualTo(PowerState.RUNNING);
        assertThat(broker.listening("compute.host-b")).isFalse();
        assertThat(driverClosed).hasValue(1);
        assertThat(broker.closed).hasValue(1);
        assertThat(agent.stop()).isTrue(); // idempotent
        assertThat(driverClosed).hasValue(1);
    }

    @Test
    void theAgentKeepsHowLongItTookForEachKindOfMessage() throws InterruptedException {
        ComputeAgent agent = launch(0);
        RemoteComputeDriver remote = controller();
        remote.getInfo(INSTANCE);
        remote.getInfo(INSTANCE);
        // a message counts once its reply is confirmed, which may be just after the caller has it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!agent.dispatcher().handlerSummary().toString().contains("n=2") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(agent.dispatcher().handlerSummary()).singleElement().asString()
                .startsWith("handled get_info n=2 p50_ms=").contains(" p99_ms=").contains(" max_ms=");
        assertThat(agent.dispatcher().abandonedReplies()).isEmpty();
        assertThat(agent.stop()).isTrue();
    }

    @Test
    void aTransportThatCannotConnectLeavesNoDriverOpen() {
        AgentConfig config = AgentConfig.parse(CONF);
        assertThatThrownBy(() -> AgentMain.launch(config, c -> new AgentDrivers.HostDriver(
                FakeParts.driver(c.host(), 0, driverClosed, calls), resourcesClosed::incrementAndGet),
                c -> {
                    throw new MessageDeliveryFailure("cannot connect to " + c.rpc().transportUrl());
                }))
                .isInstanceOf(MessageDeliveryFailure.class).hasMessageNotContaining(":pw@");
        assertThat(driverClosed).hasValue(1);
        assertThat(resourcesClosed).hasValue(1);
    }

    @Test
    void theHostIsSettledBeforeTheAgentServesAndRecoveryLooksAreServedByItsProbe() {
        List<String> order = new CopyOnWriteArrayList<>();
        HostView told = HostView.of("host-b", DomainPresence.RUNNING, true, JobType.NONE, InstanceDir.PRESENT);
        HostProbe probe = new HostProbe() {
            @Override
            public HostView view(Instance instance) {
                return told;
            }

            @Override
            public void resume(Instance instance) {
            }

            @Override
            public void persist(Instance instance) {
            }

            @Override
            public void powerOff(Instance instance) {
            }
        };
        Runnable initHost = () -> order.add("init_host, listening: " + broker.listening("compute.host-b"));
        try (ComputeAgent agent = AgentMain.launch(AgentConfig.parse(CONF), c -> new AgentDrivers.HostDriver(
                FakeParts.driver(c.host(), 0, driverClosed, calls), null, probe, initHost), c -> broker)) {
            assertThat(order).containsExactly("init_host, listening: false");
            assertThat(controller().probe().view(INSTANCE)).isEqualTo(told);
            assertThat(agent).isNotNull();
        }
    }

    @Test
    void aStartUpRecoveryThatFailsDoesNotKeepTheAgentFromServing() {
        Runnable failing = () -> {
            throw new IllegalStateException("instances_path unreadable");
        };
        try (ComputeAgent agent = AgentMain.launch(AgentConfig.parse(CONF), c -> new AgentDrivers.HostDriver(
                FakeParts.driver(c.host(), 0, driverClosed, calls), null, null, failing), c -> broker)) {
            assertThat(controller().getInfo(INSTANCE).state()).isEqualTo(PowerState.RUNNING);
            assertThat(controller().probe().view(INSTANCE).reachable()).as("no probe: no recovery looks").isFalse();
            assertThat(agent).isNotNull();
        }
    }

    @Test
    void theCommandLineTakesOslosConfigFileOption() {
        assertThatThrownBy(() -> AgentMain.configFile(new String[] {"--verbose"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--verbose");
        assertThatThrownBy(() -> AgentMain.configFile(new String[] {"--config-file", "/nonexistent/nova.conf"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/nonexistent/nova.conf");
    }
}
