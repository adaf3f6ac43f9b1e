package dev.novalibvirt.conformance.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.novalibvirt.agent.AgentDrivers;
import dev.novalibvirt.agent.ComputeAgent;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.rpc.client.RpcClient;
import dev.novalibvirt.rpc.compute.RemoteComputeDriver;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.config.TransportUrl;
import dev.novalibvirt.rpc.transport.AmqpTransport;
import dev.novalibvirt.rpc.wire.IdSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A migration a->b->a through agents: one {@link ComputeAgent} per lab host serves that host's driver over the lab's
 * RabbitMQ, and the controller holds nothing but {@link RemoteComputeDriver}s. The agents still run in this JVM
 * (each with its own broker connection); running them inside the hosts' namespaces is the lab's next step (issue
 * 13). Skipped until lab.env names the lab's RabbitMQ ({@code RABBIT_TRANSPORT_URL_FILE}, from lib/rabbitmq.sh).
 */
@ExtendWith(LabExtension.class)
class AgentMigrationIT {
    private ContractLab lab;
    private LibvirtDriver a;
    private LibvirtDriver b;
    private ComputeAgent agentA;
    private ComputeAgent agentB;
    private AmqpTransport controllerTransport;
    private RpcClient client;
    private Instance instance;

    @BeforeEach
    void agentsOnBothHosts(LabEnv env) throws IOException {
        Optional<String> urlFile = env.find("RABBIT_TRANSPORT_URL_FILE");
        assumeThat(urlFile).as("the lab's RabbitMQ (lab.env RABBIT_TRANSPORT_URL_FILE)").isPresent();
        TransportUrl url = TransportUrl.parse(Files.readString(Path.of(urlFile.get())).strip());
        lab = ContractLab.of(env);
        a = lab.driver("a");
        b = lab.driver("b");
        agentA = agent(a, url);
        agentB = agent(b, url);
        controllerTransport = AmqpTransport.connect(url, RabbitOptions.defaults(), "it-controller");
        client = new RpcClient(controllerTransport, IdSource.random(), Clock.systemUTC());
        instance = lab.newInstance("agt");
    }

    private static ComputeAgent agent(LibvirtDriver driver, TransportUrl url) {
        return new ComputeAgent(AgentDrivers.HostDriver.of(driver),
                AmqpTransport.connect(url, RabbitOptions.defaults(), "it-agent:" + driver.host()), 8,
                Duration.ofSeconds(60)).start();
    }

    private RemoteComputeDriver remote(LibvirtDriver host) {
        return new RemoteComputeDriver(host.host(), client, new RpcOptions("controller",
                TransportUrl.parse("rabbit://controller@127.0.0.1/"), Duration.ofSeconds(60),
                Duration.ofSeconds(1800), RabbitOptions.defaults()));
    }

    @AfterEach
    void cleanUp() {
        if (agentA == null) {
            return;
        }
        GuestProbe.purge(instance, a, b);
        client.close();
        controllerTransport.close();
        agentA.stop(); // closes driver a
        agentB.stop();
    }

    @Test
    void aGuestMigratesThereAndBackThroughTheAgents() {
        RemoteComputeDriver remoteA = remote(a);
        RemoteComputeDriver remoteB = remote(b);
        remoteA.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
        for (RemoteComputeDriver[] hop : new RemoteComputeDriver[][] {{remoteA, remoteB}, {remoteB, remoteA}}) {
            LiveMigrationResult r = LiveMigrationTask.builder(hop[0], hop[1]).build()
                    .run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
            assertThat(r.completed()).as(hop[0].host() + " -> " + hop[1].host() + ": " + r.status()).isTrue();
            LibvirtDriver to = hop[1].host().equals(a.host()) ? a : b;
            LibvirtDriver from = to == a ? b : a;
            assertThat(GuestProbe.runsOn(to, instance)).as("runs on " + to.host()).isTrue();
            assertThat(from.instanceExists(instance)).as("gone from " + from.host()).isFalse();
            assertThat(GuestProbe.hasInstanceDir(from, instance)).as("no dir left on " + from.host()).isFalse();
            assertThat(GuestProbe.serialGrows(to, instance, Duration.ofSeconds(10))).as("alive").isTrue();
        }
    }
}
