package dev.novalibvirt.rpc.compute;

import static dev.novalibvirt.rpc.Samples.INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.LiveMigrationCallbacks;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.rpc.InMemoryTransport;
import dev.novalibvirt.rpc.MessageUndeliverable;
import dev.novalibvirt.rpc.MessagingTimeout;
import dev.novalibvirt.rpc.client.RpcClient;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.config.TransportUrl;
import dev.novalibvirt.rpc.wire.IdSource;
import dev.novalibvirt.rpc.wire.RpcMessage;
import dev.novalibvirt.rpc.wire.RpcReply;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A broker that goes away and comes back, in memory: a reported cast's outcome that could not be sent while it was
 * gone arrives once it is back, a reply whose caller has not declared its queue again yet is sent until it has, one
 * nobody takes is abandoned after {@code kombu_missing_consumer_retry_timeout} and kept, a request right after the
 * caller's recovery that finds no agent queue yet is sent again until the agent is back (and runs once), and a call
 * or a cast that meets the outage ends in {@link MessagingTimeout} within its own limit.
 */
class BrokerOutageTest {
    private static final RpcOptions OPTIONS = new RpcOptions("controller", TransportUrl.parse("rabbit://u:p@h/"),
            Duration.ofSeconds(5), Duration.ofSeconds(10), RabbitOptions.defaults());
    private static final RpcOptions IMPATIENT = new RpcOptions("controller", TransportUrl.parse("rabbit://u:p@h/"),
            Duration.ofMillis(300), Duration.ofSeconds(1), RabbitOptions.defaults());
    private final InMemoryTransport broker = new InMemoryTransport();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor();
    private final RecordingDriver hostA = new RecordingDriver("host-a");
    private final RpcClient client = new RpcClient(broker, IdSource.random(), Clock.systemUTC(),
            Duration.ofSeconds(10));

    @AfterEach
    void stop() {
        client.close();
        faults.shutdownNow();
        workers.shutdownNow();
        heartbeats.shutdownNow();
        broker.close();
    }

    private AgentDispatcher agent(Duration replyRetry) {
        AgentDispatcher d = new AgentDispatcher(hostA, null, broker, workers, heartbeats, IdSource.random(), replyRetry);
        d.serve();
        return d;
    }

    @Test
    void aLiveMigrationsOutcomeThatCouldNotBeReportedDuringTheOutageArrivesWhenTheBrokerIsBack() {
        AgentDispatcher agent = agent(Duration.ofSeconds(10));
        hostA.delay("liveMigration", 300);
        // the broker goes away while libvirt's job runs and is back well after the job ended
        faults.schedule(broker::outage, 100, TimeUnit.MILLISECONDS);
        faults.schedule(broker::recover, 1000, TimeUnit.MILLISECONDS);
        List<String> outcome = new CopyOnWriteArrayList<>();

        new RemoteComputeDriver("host-a", client, OPTIONS).liveMigration(INSTANCE, "host-b", recording(outcome),
                false, RecordingDriver.DEST_DATA);

        assertThat(outcome).containsExactly("post host-b");
        assertThat(finalReplies()).as("the report was tried during the outage, and delivered after it")
                .hasSizeGreaterThan(1);
        assertThat(agent.abandonedReplies()).isEmpty();
    }

    @Test
    void aReplyWhoseCallerHasNotDeclaredItsQueueAgainIsSentUntilItHas() {
        agent(Duration.ofSeconds(10));
        RemoteComputeDriver remote = new RemoteComputeDriver("host-a", client, OPTIONS);
        remote.getInfo(INSTANCE);
        String replyQueue = finalReplies().get(0);
        broker.hide(replyQueue);
        faults.schedule(() -> broker.unhide(replyQueue), 700, TimeUnit.MILLISECONDS);

        assertThat(remote.getInfo(INSTANCE).state()).isEqualTo(PowerState.RUNNING);
        assertThat(finalReplies()).as("one reply, then the second sent until its queue was back")
                .hasSizeGreaterThan(2).containsOnly(replyQueue);
    }

    @Test
    void aReplyNobodyTakesIsAbandonedAfterTheRetryTimeoutKeptAndItsQueueTriedOnceAfterwards()
            throws InterruptedException {
        AgentDispatcher agent = agent(Duration.ofMillis(600));
        RemoteComputeDriver remote = new RemoteComputeDriver("host-a", client, IMPATIENT);
        remote.getInfo(INSTANCE);
        String replyQueue = finalReplies().get(0);
        broker.hide(replyQueue); // the caller is gone for good

        assertThatThrownBy(() -> remote.getInfo(INSTANCE)).isInstanceOf(MessagingTimeout.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (agent.abandonedReplies().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(agent.abandonedReplies()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("get_info");
            assertThat(r.replyQueue()).isEqualTo(replyQueue);
            assertThat(r.summary()).isEqualTo("result object");
            assertThat(r.reason()).contains(replyQueue);
        });

        // as oslo's obsolete reply queues: the next reply to it is tried once, not for the whole timeout again
        int triedBefore = finalReplies().size();
        assertThatThrownBy(() -> remote.getInfo(INSTANCE)).isInstanceOf(MessagingTimeout.class);
        while (agent.abandonedReplies().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(agent.abandonedReplies()).hasSize(2);
        assertThat(finalReplies().size() - triedBefore).as("attempts at the obsolete queue").isEqualTo(1);
    }

    @Test
    void aCallAndALiveMigrationSentWhileTheBrokerIsDownEndInMessagingTimeoutNotAHang() {
        agent(Duration.ofSeconds(10));
        RemoteComputeDriver remote = new RemoteComputeDriver("host-a", client, IMPATIENT);
        broker.outage();
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> remote.getInfo(INSTANCE)).isInstanceOf(MessagingTimeout.class);
        assertThatThrownBy(() -> remote.liveMigration(INSTANCE, "host-b", recording(new CopyOnWriteArrayList<>()),
                false, RecordingDriver.DEST_DATA)).as("no heartbeat within rpc_response_timeout")
                .isInstanceOf(MessagingTimeout.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(hostA.calls()).as("nothing ran on host-a").isEmpty();
    }

    @Test
    void rightAfterARecoveryARequestThatFindsNoAgentQueueIsSentAgainUntilTheAgentIsBackAndRunsOnce() {
        broker.returnUnroutable();
        broker.outage();
        broker.recover(); // the controller is back; host-a's agent has not declared its queues yet
        faults.schedule(() -> agent(Duration.ofSeconds(10)), 600, TimeUnit.MILLISECONDS);

        assertThat(new RemoteComputeDriver("host-a", client, OPTIONS).getInfo(INSTANCE).state())
                .isEqualTo(PowerState.RUNNING);
        List<RpcMessage> sent = requests();
        assertThat(sent).as("sent again while no queue was bound").hasSizeGreaterThan(1);
        assertThat(sent).extracting(RpcMessage::uniqueId).containsOnly(sent.get(0).uniqueId());
        assertThat(sent).extracting(RpcMessage::msgId).containsOnly(sent.get(0).msgId());
        assertThat(hostA.calls()).extracting(RecordingDriver.Call::method).containsExactly("getInfo");
    }

    @Test
    void withoutARecentRecoveryARequestThatFindsNoQueueFailsAtOnce() {
        broker.returnUnroutable();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> new RemoteComputeDriver("host-a", client, OPTIONS).getInfo(INSTANCE))
                .isInstanceOf(MessageUndeliverable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(OPTIONS.rpcResponseTimeout());
        assertThat(requests()).hasSize(1);
    }

    /** The reply queue of every final reply (result or failure, not heartbeats) the agent published or tried. */
    private List<String> finalReplies() {
        return broker.published().stream().filter(p -> p.exchange().isEmpty())
                .filter(p -> !RpcReply.fromBody(p.body()).isHeartbeat()).map(InMemoryTransport.Published::routingKey)
                .toList();
    }

    private List<RpcMessage> requests() {
        return broker.published().stream().filter(p -> p.exchange().equals(ComputeRpcMethod.EXCHANGE))
                .map(p -> RpcMessage.fromBody(p.body())).toList();
    }

    private static LiveMigrationCallbacks recording(List<String> outcome) {
        return new LiveMigrationCallbacks() {
            @Override
            public void postMethod(Instance i, String dest, boolean block, LibvirtLiveMigrateData md) {
                outcome.add("post " + dest);
            }

            @Override
            public void recoverMethod(Instance i, String dest, LibvirtLiveMigrateData md, MigrationStatus s) {
                outcome.add("recover " + dest + " " + s);
            }
        };
    }
}
