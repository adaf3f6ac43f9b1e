package dev.novalibvirt.rpc.compute;

import static dev.novalibvirt.rpc.Samples.INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * RabbitMQ restarted under a controller and an agent: both connections recover by themselves, the agent's queues and
 * the caller's reply queue (transient, so gone with the broker) are declared again, and calls work as before.
 * Opt-in: runs only when {@code -Drpc.broker.restart-command=...} names a command that restarts the broker of
 * {@link TestBroker} and returns once it is ready (e.g. rabbitmq.sh's rabbit_stop; rabbit_start; rabbit_wait).
 */
class BrokerRestartTest {

    @Test
    void callsWorkAgainAfterTheBrokerRestarts() throws Exception {
        String restart = System.getProperty("rpc.broker.restart-command");
        assumeThat(TestBroker.configured() && restart != null && !restart.isBlank())
                .as("a broker and -Drpc.broker.restart-command").isTrue();
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
            Process p = new ProcessBuilder("bash", "-c", restart).inheritIO().start();
            assertThat(p.waitFor(180, TimeUnit.SECONDS) && p.exitValue() == 0).as("restart command").isTrue();
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
