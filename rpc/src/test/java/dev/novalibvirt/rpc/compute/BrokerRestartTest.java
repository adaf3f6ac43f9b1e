package dev.novalibvirt.rpc.compute;

import static dev.novalibvirt.rpc.Samples.INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.LiveMigrationCallbacks;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.rpc.MessagingException;
import dev.novalibvirt.rpc.TestBroker;
import dev.novalibvirt.rpc.client.RpcClient;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.transport.AmqpTransport;
import dev.novalibvirt.rpc.wire.IdSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * RabbitMQ restarted under a controller and an agent: both connections recover by themselves, the agent's queues and
 * the caller's reply queue (transient, so gone with the broker) are declared again, and calls work as before.
 * A live migration's report that falls into the restart is retried by the agent until the controller's reply queue
 * is back. Opt-in: runs only when {@code -Drpc.broker.restart-command=...} names a command that restarts the broker of
 * {@link TestBroker} and returns once it is ready (the lab's {@code ./lab rabbit-restart [--kill]}).
 */
class BrokerRestartTest {

    private static String restartCommand() {
        String restart = System.getProperty("rpc.broker.restart-command");
        assumeThat(TestBroker.configured() && restart != null && !restart.isBlank())
                .as("a broker and -Drpc.broker.restart-command").isTrue();
        return restart;
    }

    private static void restartBroker(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).inheritIO().start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS) && p.exitValue() == 0).as("restart command").isTrue();
    }

    @Test
    void aLiveMigrationsReportThatFallsIntoTheRestartArrivesAfterIt() throws Exception {
        String restart = restartCommand();
        String host = "rs-" + IdSource.random().next().substring(0, 8);
        RecordingDriver driver = new RecordingDriver(host);
        driver.delay("liveMigration", 1500); // libvirt's job outlives the broker
        ExecutorService workers = Executors.newCachedThreadPool();
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
        // heartbeats may pause as long as a restart takes
        RpcOptions options = new RpcOptions("controller", TestBroker.url(), Duration.ofSeconds(120),
                Duration.ofSeconds(180), RabbitOptions.defaults());
        try (AmqpTransport agent = AmqpTransport.connect(TestBroker.url(), RabbitOptions.defaults(), "it-rs-agent");
             AmqpTransport controller = AmqpTransport.connect(TestBroker.url(), RabbitOptions.defaults(), "it-rs");
             RpcClient client = new RpcClient(controller, IdSource.random(), Clock.systemUTC())) {
            AgentDispatcher dispatcher = new AgentDispatcher(driver, agent, workers, beats, IdSource.random());
            dispatcher.serve();
            RemoteComputeDriver remote = new RemoteComputeDriver(host, client, options);
            List<String> outcome = new CopyOnWriteArrayList<>();
            long t0 = System.nanoTime();
            CompletableFuture<Void> migration = CompletableFuture.runAsync(() -> remote.liveMigration(INSTANCE,
                    "host-b", recording(outcome), false, RecordingDriver.DEST_DATA));
            while (driver.calls().isEmpty()) {
                Thread.sleep(10); // the cast was taken: its step runs on the agent
            }
            restartBroker(restart);
            migration.get(3, TimeUnit.MINUTES);
            assertThat(outcome).containsExactly("post host-b");
            assertThat(dispatcher.abandonedReplies()).isEmpty();
            System.out.printf("RESULT rpc-broker-restart-report migration_s=%.1f%n", (System.nanoTime() - t0) / 1e9);
        } finally {
            workers.shutdownNow();
            beats.shutdownNow();
        }
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

    @Test
    void callsWorkAgainAfterTheBrokerRestarts() throws Exception {
        String restart = restartCommand();
        String host = "rs-" + IdSource.random().next().substring(0, 8);
        RecordingDriver driver = new RecordingDriver(host);
        ExecutorService workers = Executors.newCachedThreadPool();
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
        RpcOptions options = new RpcOptions("controller", TestBroker.url(), Duration.ofSeconds(5),
                Duration.ofSeconds(10), RabbitOptions.defaults());
        try (AmqpTransport agent = AmqpTransport.connect(TestBroker.url(), RabbitOptions.defaults(), "it-rs-agent");
             AmqpTransport controller = AmqpTransport.connect(TestBroker.url(), RabbitOptions.defaults(), "it-rs");
             RpcClient client = new RpcClient(controller, IdSource.random(), Clock.systemUTC())) {
            new AgentDispatcher(driver, agent, workers, beats, IdSource.random()).serve();
            RemoteComputeDriver remote = new RemoteComputeDriver(host, client, options);
            assertThat(remote.getInfo(INSTANCE).state()).isEqualTo(PowerState.RUNNING);

            long t0 = System.nanoTime();
            restartBroker(restart);
            double restartS = (System.nanoTime() - t0) / 1e9;

            long t1 = System.nanoTime();
            int failures = 0;
            while (true) {
                try {
                    assertThat(remote.getInfo(INSTANCE).state()).isEqualTo(PowerState.RUNNING);
                    break;
                } catch (MessagingException e) {
                    // the clients reconnect every second; a call racing the recovery may fail once or twice
                    failures++;
                    assertThat(failures).as("calls failed after the restart: " + e).isLessThan(10);
                }
            }
            System.out.printf("RESULT rpc-broker-restart restart_s=%.1f first_call_after_s=%.2f failed_calls=%d%n",
                    restartS, (System.nanoTime() - t1) / 1e9, failures);
            assertThat(agent.isOpen()).isTrue();
            assertThat(controller.isOpen()).isTrue();
        } finally {
            workers.shutdownNow();
            beats.shutdownNow();
        }
    }
}
