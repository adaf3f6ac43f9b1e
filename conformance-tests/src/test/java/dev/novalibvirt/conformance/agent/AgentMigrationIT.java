package dev.novalibvirt.conformance.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration a->b->a through agents, in the real shape of a cloud (issue 13): each lab host runs its own agent
 * process inside its own network namespace ({@link LabAgents}), serving only that host's libvirtd and
 * instances_path; the controller (this JVM) holds nothing but {@link RemoteComputeDriver}s over the lab's
 * RabbitMQ. Where the guest is, is read beside the contract: virsh-level probes and the filesystem. At the end
 * both agents stop gracefully on SIGTERM (exit 0), and their logs hold no broker password.
 * Skipped until lab.env names the lab's RabbitMQ ({@code RABBIT_TRANSPORT_URL_FILE}, from lib/rabbitmq.sh).
 */
@ExtendWith(LabExtension.class)
class AgentMigrationIT {
    @TempDir
    Path work;

    private LabEnv env;
    private ContractLab lab;
    private LibvirtDriver probeA;
    private LibvirtDriver probeB;
    private LabAgents agents;
    private AmqpTransport controllerTransport;
    private RpcClient client;
    private Instance instance;

    @BeforeEach
    void agentsOnBothHosts(LabEnv env) throws IOException {
        Optional<String> urlFile = env.find("RABBIT_TRANSPORT_URL_FILE");
        assumeThat(urlFile).as("the lab's RabbitMQ (lab.env RABBIT_TRANSPORT_URL_FILE)").isPresent();
        this.env = env;
        TransportUrl url = TransportUrl.parse(Files.readString(Path.of(urlFile.get())).strip());
        lab = ContractLab.of(env);
        agents = LabAgents.start(lab, env, work, List.of("a", "b"));
        // the test's own eyes on each host (never used to drive the migration)
        probeA = lab.driver("a");
        probeB = lab.driver("b");
        controllerTransport = AmqpTransport.connect(url, RabbitOptions.defaults(), "it-controller");
        client = new RpcClient(controllerTransport, IdSource.random(), Clock.systemUTC());
        instance = lab.newInstance("agt");
    }

    private RemoteComputeDriver remote(String letter) {
        return new RemoteComputeDriver(lab.hostValue(letter, "NAME"), client, new RpcOptions("controller",
                TransportUrl.parse("rabbit://controller@127.0.0.1/"), Duration.ofSeconds(60),
                Duration.ofSeconds(1800), RabbitOptions.defaults()));
    }

    @AfterEach
    void cleanUp() {
        if (agents == null) {
            return;
        }
        GuestProbe.purge(instance, probeA, probeB);
        client.close();
        controllerTransport.close();
        agents.close();
        probeA.close();
        probeB.close();
    }

    @Test
    void aGuestMigratesThereAndBackThroughAgentsRunningOnTheirOwnHosts() throws IOException {
        for (String letter : List.of("a", "b")) {
            LabAgents.Agent agent = agents.agent(letter);
            // ip netns exec execs java: the agent's pid is the JVM's, inside the host's namespace
            assertThat(LabAgents.processNetnsInode(agent.process().pid()))
                    .as("the agent of host-" + letter + " runs in its host's network namespace")
                    .isEqualTo(LabAgents.netnsInode(lab.hostValue(letter, "NETNS")));
        }
        RemoteComputeDriver remoteA = remote("a");
        RemoteComputeDriver remoteB = remote("b");
        remoteA.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
        assertThat(GuestProbe.runsOn(probeA, instance)).as("spawned on host-a by its agent").isTrue();
        for (RemoteComputeDriver[] hop : new RemoteComputeDriver[][] {{remoteA, remoteB}, {remoteB, remoteA}}) {
            LiveMigrationResult r = LiveMigrationTask.builder(hop[0], hop[1]).build()
                    .run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
            assertThat(r.completed()).as(hop[0].host() + " -> " + hop[1].host() + ": " + r.outcome()).isTrue();
            LibvirtDriver to = hop[1].host().equals(probeA.host()) ? probeA : probeB;
            LibvirtDriver from = to == probeA ? probeB : probeA;
            assertThat(GuestProbe.runsOn(to, instance)).as("runs on " + to.host()).isTrue();
            assertThat(from.instanceExists(instance)).as("gone from " + from.host()).isFalse();
            assertThat(GuestProbe.hasInstanceDir(from, instance)).as("no dir left on " + from.host()).isFalse();
            assertThat(GuestProbe.serialGrows(to, instance, Duration.ofSeconds(10))).as("alive").isTrue();
        }
        remoteA.destroy(instance, NetworkInfo.none(), BlockDeviceInfo.none(), true, true);
        assertThat(probeA.instanceExists(instance)).as("destroyed by host-a's agent").isFalse();

        String password = Files.readString(Path.of(env.get("RABBIT_PASSWORD_FILE"))).strip();
        String logA = agents.agent("a").logText();
        String logB = agents.agent("b").logText();
        Map<String, Integer> exits = agents.stop();
        assertThat(exits).as("both agents stop gracefully on SIGTERM").containsEntry("a", 0).containsEntry("b", 0);
        assertThat(logA + logB).as("agent logs").contains("serving").doesNotContain(password);
    }
}
