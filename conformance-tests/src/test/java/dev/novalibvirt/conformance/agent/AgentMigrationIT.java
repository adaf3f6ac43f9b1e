package dev.novalibvirt.conformance.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.InvalidLocalStorage;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationOptions;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.Setting;
import dev.novalibvirt.rpc.compute.RemoteComputeDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration a->b->a->b->a through agents, in the real shape of a cloud (issue 13): each lab host runs its own agent
 * process inside its own network and mount namespaces ({@link LabAgents}), serving only that host's libvirtd and
 * instances_path; the controller (this JVM) holds nothing but {@link RemoteComputeDriver}s over the lab's RabbitMQ.
 * Both hosts have the same instances_path, {@code /var/lib/nova/instances}, as Nova assumes, each its own dir behind
 * it: the guest's dir, made there by host-a's agent, is not at that path in this JVM, and the domain on host-b names
 * its console.log under the same path (no {@code dst_instances_path} rewrite moved it). Where the guest is, is read
 * beside the contract: virsh-level probes and each host's dir seen from outside. At the end both agents stop
 * gracefully on SIGTERM (exit 0), and their logs hold no broker password.
 * Skipped until lab.env names the lab's RabbitMQ ({@code RABBIT_TRANSPORT_URL_FILE}, from lib/rabbitmq.sh).
 */
@ExtendWith(LabExtension.class)
class AgentMigrationIT {
    @TempDir
    Path work;

    private LabEnv env;
    private AgentController.OnHosts hosts;
    private ContractLab lab;
    private LibvirtDriver probeA;
    private LibvirtDriver probeB;
    private LabAgents agents;
    private Instance instance;

    @BeforeEach
    void agentsOnBothHosts(LabEnv env) {
        this.env = env;
        hosts = AgentController.onHosts(env, work, "it-controller");
        lab = hosts.lab();
        agents = hosts.agents();
        // the test's own eyes on each host (never used to drive the migration)
        probeA = hosts.probe("a");
        probeB = hosts.probe("b");
        instance = hosts.newInstance("agt");
    }

    @AfterEach
    void cleanUp() {
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void aGuestMigratesBackAndForthTwiceThroughAgentsRunningOnTheirOwnHosts() throws IOException {
        long controllerMntns = LabAgents.processMntnsInode(ProcessHandle.current().pid());
        for (String letter : List.of("a", "b")) {
            long pid = agents.agent(letter).process().pid();
            // the launch execs down to java: the agent's pid is the JVM's, inside the host's namespaces
            assertThat(LabAgents.processNetnsInode(pid))
                    .as("the agent of host-" + letter + " runs in its host's network namespace")
                    .isEqualTo(LabAgents.netnsInode(lab.hostValue(letter, "NETNS")));
            assertThat(LabAgents.processMntnsInode(pid))
                    .as("the agent of host-" + letter + " runs in its host's mount namespace")
                    .isEqualTo(LabAgents.mntnsInode(lab, letter)).isNotEqualTo(controllerMntns);
        }
        Path common = LabAgents.instancesPathInHosts(lab);
        RemoteComputeDriver remoteA = hosts.controller().remote("a");
        RemoteComputeDriver remoteB = hosts.controller().remote("b");
        remoteA.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
        assertThat(GuestProbe.runsOn(probeA, instance)).as("spawned on host-a by its agent").isTrue();
        assertThat(lab.instancesPath("a").resolve(instance.uuid())).as("its dir, in host-a's own dir").isDirectory();
        assertThat(common.resolve(instance.uuid())).as("the common instances_path here, outside every host")
                .doesNotExist();
        for (RemoteComputeDriver[] hop : new RemoteComputeDriver[][] {
                {remoteA, remoteB}, {remoteB, remoteA}, {remoteA, remoteB}, {remoteB, remoteA}}) {
            LiveMigrationResult r = LiveMigrationTask.builder(hop[0], hop[1]).build()
                    .run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
            assertThat(r.completed()).as(hop[0].host() + " -> " + hop[1].host() + ": " + r.outcome()).isTrue();
            LibvirtDriver to = hop[1].host().equals(probeA.host()) ? probeA : probeB;
            LibvirtDriver from = to == probeA ? probeB : probeA;
            String toLetter = to == probeA ? "a" : "b";
            assertThat(GuestProbe.runsOn(to, instance)).as("runs on " + to.host()).isTrue();
            assertThat(from.instanceExists(instance)).as("gone from " + from.host()).isFalse();
            assertThat(GuestProbe.hasInstanceDir(from, instance)).as("no dir left on " + from.host()).isFalse();
            assertThat(GuestProbe.serialGrows(to, instance, Duration.ofSeconds(10))).as("alive").isTrue();
            ContractLab.Run xml = ContractLab.run("virsh", "-q", "-c", lab.hostValue(toLetter, "URI"), "dumpxml",
                    instance.name());
            assertThat(xml.output()).as("virsh dumpxml on " + to.host())
                    .contains(common.resolve(instance.uuid()).resolve("console.log").toString());
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

    /**
     * A pre-check refusal made by the source's agent reaches the controller as Nova's exception, the same class the
     * in-process driver throws ({@code PreCheckRefusalIT.blockMigrationOnSharedStorageIsRefused}), and nothing changes
     * on either host.
     */
    @Test
    void aBlockMigrationOnSharedStorageIsRefusedThroughTheAgentsWithNovasExceptionAndNothingChanges() {
        RemoteComputeDriver remoteA = hosts.controller().remote("a");
        RemoteComputeDriver remoteB = hosts.controller().remote("b");
        remoteA.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
        assertThat(GuestProbe.runsOn(probeA, instance)).as("spawned on host-a by its agent").isTrue();
        assertThatThrownBy(() -> LiveMigrationTask.builder(remoteA, remoteB)
                .options(new LiveMigrationOptions(Setting.of(true), Setting.DEFAULT, null, null)).build()
                .run(instance, NetworkInfo.none(), BlockDeviceInfo.none()))
                .isInstanceOf(InvalidLocalStorage.class)
                .hasMessageContaining("Block migration can not be used with shared storage");
        assertThat(GuestProbe.serialGrows(probeA, instance, Duration.ofSeconds(10))).as("still alive on host-a")
                .isTrue();
        assertThat(probeB.instanceExists(instance)).as("no domain on host-b").isFalse();
        assertThat(GuestProbe.hasInstanceDir(probeB, instance)).as("no dir on host-b").isFalse();
        remoteA.destroy(instance, NetworkInfo.none(), BlockDeviceInfo.none(), true, true);
        assertThat(probeA.instanceExists(instance)).as("destroyed by host-a's agent").isFalse();
    }
}
