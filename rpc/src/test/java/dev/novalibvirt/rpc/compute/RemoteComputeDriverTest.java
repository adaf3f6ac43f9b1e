package dev.novalibvirt.rpc.compute;

import static dev.novalibvirt.rpc.Samples.DEVICES;
import static dev.novalibvirt.rpc.Samples.FULL_MIGRATE_DATA;
import static dev.novalibvirt.rpc.Samples.HOST_A;
import static dev.novalibvirt.rpc.Samples.HOST_B;
import static dev.novalibvirt.rpc.Samples.IMAGE;
import static dev.novalibvirt.rpc.Samples.INSTANCE;
import static dev.novalibvirt.rpc.Samples.NETWORK;
import static dev.novalibvirt.rpc.Samples.VOLUME_BACKED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateBDMInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.LiveMigrationCallbacks;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.DestinationDiskExists;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.exception.NoActiveMigrationForInstance;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import dev.novalibvirt.rpc.InMemoryTransport;
import dev.novalibvirt.rpc.MessagingTimeout;
import dev.novalibvirt.rpc.RemoteError;
import dev.novalibvirt.rpc.Samples;
import dev.novalibvirt.rpc.SecretInMessage;
import dev.novalibvirt.rpc.client.RpcClient;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.config.TransportUrl;
import dev.novalibvirt.rpc.transport.Target;
import dev.novalibvirt.rpc.wire.IdSource;
import dev.novalibvirt.rpc.wire.RequestContext;
import dev.novalibvirt.rpc.wire.RpcMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A controller drives two agents (host-a, host-b) through an in-memory broker with RabbitMQ's routing: each step is
 * routed as Nova's rpcapi routes it, the agent's driver sees exactly the arguments the caller passed, and results,
 * refusals and live-migration outcomes come back as themselves.
 */
class RemoteComputeDriverTest {
    private static final RpcOptions OPTIONS = new RpcOptions("controller", TransportUrl.parse("rabbit://u:p@h/"),
            Duration.ofSeconds(1), Duration.ofSeconds(10), RabbitOptions.defaults());
    private final InMemoryTransport broker = new InMemoryTransport();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private final RecordingDriver agentA = new RecordingDriver("host-a");
    private final RecordingDriver agentB = new RecordingDriver("host-b");
    private RpcClient client;
    private RemoteComputeDriver hostA;
    private RemoteComputeDriver hostB;

    @BeforeEach
    void start() {
        new AgentDispatcher(agentA, broker, workers, heartbeats, IdSource.random()).serve();
        new AgentDispatcher(agentB, broker, workers, heartbeats, IdSource.random()).serve();
        client = new RpcClient(broker, IdSource.random(), Clock.systemUTC());
        hostA = new RemoteComputeDriver("host-a", client, OPTIONS);
        hostB = new RemoteComputeDriver("host-b", client, OPTIONS);
    }

    @AfterEach
    void stop() {
        client.close();
        workers.shutdownNow();
        heartbeats.shutdownNow();
        broker.close();
    }

    @Test
    void aMigrationsStepsGoToTheirHostsAsNovasRpcapiRoutesThem() {
        LibvirtLiveMigrateData dest = hostB.checkCanLiveMigrateDestination(INSTANCE, HOST_A, HOST_B, null, false);
        LibvirtLiveMigrateData checked = hostA.checkCanLiveMigrateSource(INSTANCE, dest, DEVICES);
        LibvirtLiveMigrateData pre = hostB.preLiveMigration(INSTANCE, DEVICES, NETWORK, checked);
        List<String> outcome = new ArrayList<>();
        hostA.liveMigration(INSTANCE, "host-b", recording(outcome), false, pre);
        hostA.postLiveMigration(INSTANCE, DEVICES, pre);
        hostA.postLiveMigrationAtSource(INSTANCE, NETWORK);
        hostB.postLiveMigrationAtDestination(INSTANCE, NETWORK, false, DEVICES);
        hostB.cleanupLiveMigrationDestinationCheck(dest);

        assertThat(dest).isEqualTo(RecordingDriver.DEST_DATA);
        assertThat(checked.isSharedBlockStorage()).isTrue();
        assertThat(pre.targetConnectAddr()).isEqualTo("198.18.0.12");
        assertThat(outcome).containsExactly("post host-b " + pre.toJson());
        assertThat(sentRequests()).containsExactly(
                "compute.host-b CALL check_can_live_migrate_destination",
                "compute.host-a CALL check_can_live_migrate_source",
                "compute-alt.host-b CALL pre_live_migration",
                "compute-alt.host-a CAST live_migration",
                "compute-alt.host-a CALL post_live_migration",
                "compute-alt.host-a CALL post_live_migration_at_source",
                "compute-alt.host-b CALL post_live_migration_at_destination",
                "compute.host-b CALL cleanup_live_migration_destination_check");
        assertThat(agentB.calls().get(0)).isEqualTo(new RecordingDriver.Call("checkCanLiveMigrateDestination",
                java.util.Arrays.asList(INSTANCE, HOST_A, HOST_B, null, false)));
        assertThat(agentA.calls()).extracting(RecordingDriver.Call::method).containsExactly(
                "checkCanLiveMigrateSource", "liveMigration", "postLiveMigration", "postLiveMigrationAtSource");
    }

    @Test
    void everyOtherStepTravelsAsTheTableSaysWithItsArgumentsIntact() {
        hostB.spawn(INSTANCE, IMAGE, NETWORK, DEVICES, true);
        assertThat(hostB.getInfo(INSTANCE)).isEqualTo(new InstanceInfo(PowerState.RUNNING, 3));
        assertThat(hostB.instanceExists(INSTANCE)).isTrue();
        assertThat(hostB.getAvailableResource().host()).isEqualTo("host-b");
        hostB.cleanup(INSTANCE, NETWORK, DEVICES, false, FULL_MIGRATE_DATA, true, false);
        hostB.cleanup(INSTANCE, NETWORK, DEVICES, true, null, false, true);
        hostB.destroy(INSTANCE, NETWORK, DEVICES, true, true);
        hostB.rollbackLiveMigrationAtDestination(INSTANCE, NETWORK, DEVICES, false, FULL_MIGRATE_DATA);
        hostA.rollbackLiveMigrationAtSource(INSTANCE, FULL_MIGRATE_DATA);
        hostA.liveMigrationForceComplete(INSTANCE);
        hostA.liveMigrationAbort(INSTANCE);

        assertThat(agentB.calls()).extracting(RecordingDriver.Call::args).contains(
                List.of(INSTANCE, IMAGE, NETWORK, DEVICES, true),
                List.of(INSTANCE, NETWORK, DEVICES, false, FULL_MIGRATE_DATA, true, false),
                java.util.Arrays.asList(INSTANCE, NETWORK, DEVICES, true, null, false, true),
                List.of(INSTANCE, NETWORK, DEVICES, false, FULL_MIGRATE_DATA));
        Map<String, String> routes = sentRequests().stream().distinct()
                .collect(Collectors.toMap(s -> s.substring(s.lastIndexOf(' ') + 1), s -> s, (x, y) -> x));
        for (ComputeRpcMethod m : ComputeRpcMethod.values()) {
            if (routes.containsKey(m.wireName())) {
                assertThat(routes.get(m.wireName())).startsWith(m.topic().wireName() + ".host-")
                        .contains(" " + m.kind() + " ");
            }
        }
        assertThat(routes).containsKeys("spawn", "get_info", "instance_exists", "get_available_resource", "cleanup",
                "destroy", "rollback_live_migration_at_destination", "rollback_live_migration_at_source",
                "live_migration_force_complete", "live_migration_abort");
    }

    @Test
    void aBootFromVolumeSpawnReachesTheAgentWithItsRootVolumesConnection() {
        BlockDeviceMapping root = new BlockDeviceMapping("/dev/vda", Samples.VOLUME_ID,
                VolumeConnectionInfo.fromJson(Samples.CINDER_CONNECTION), 0, false, "virtio", "disk",
                null);
        BlockDeviceInfo bfv = new BlockDeviceInfo("/dev/vda", List.of(root));
        hostB.spawn(VOLUME_BACKED, IMAGE, NETWORK, bfv, true);
        assertThat(agentB.calls()).singleElement().satisfies(c -> {
            assertThat(c.args()).containsExactly(VOLUME_BACKED, IMAGE, NETWORK, bfv, true);
            BlockDeviceInfo arrived = (BlockDeviceInfo) c.args().get(3);
            assertThat(arrived.isVolumeBacked(VOLUME_BACKED)).as("the agent sees a boot volume").isTrue();
            assertThat(arrived.rootVolume().orElseThrow().connectionInfo()).isEqualTo(root.connectionInfo());
        });
    }

    @Test
    void aRefusalOnTheDestinationArrivesAsTheSameTypedException() {
        agentB.failIn("preLiveMigration", () -> new DestinationDiskExists(Path.of("/var/lib/nova/instances/x")));
        assertThatThrownBy(() -> hostB.preLiveMigration(INSTANCE, DEVICES, NETWORK, FULL_MIGRATE_DATA))
                .isExactlyInstanceOf(DestinationDiskExists.class)
                .hasMessage("The supplied disk path (/var/lib/nova/instances/x) already exists, it is expected not "
                        + "to exist.");
        agentB.failIn("checkCanLiveMigrateDestination", () -> new MigrationPreCheckError("CPU mismatch"));
        assertThatThrownBy(() -> hostB.checkCanLiveMigrateDestination(INSTANCE, HOST_A, HOST_B, false, false))
                .isExactlyInstanceOf(MigrationPreCheckError.class).hasMessage("CPU mismatch");
    }

    @Test
    void aCastsRefusalIsReportedBackTyped() {
        agentA.failIn("liveMigrationAbort", () -> new NoActiveMigrationForInstance(INSTANCE.uuid() + " idle"));
        assertThatThrownBy(() -> hostA.liveMigrationAbort(INSTANCE))
                .isExactlyInstanceOf(NoActiveMigrationForInstance.class);
    }

    @Test
    void aFailedMigrationCallsTheRecoverCallbackOnTheCallersThread() {
        agentA.migrationFails();
        List<String> outcome = new ArrayList<>();
        Thread caller = Thread.currentThread();
        hostA.liveMigration(INSTANCE, "host-b", new LiveMigrationCallbacks() {
            @Override
            public void postMethod(Instance i, String d, boolean b, LibvirtLiveMigrateData md) {
                outcome.add("post");
            }

            @Override
            public void recoverMethod(Instance i, String d, LibvirtLiveMigrateData md, MigrationStatus s) {
                outcome.add("recover " + d + " " + s + " " + (Thread.currentThread() == caller) + " " + md.equals(
                        FULL_MIGRATE_DATA));
            }
        }, false, FULL_MIGRATE_DATA);
        assertThat(outcome).containsExactly("recover host-b FAILED true true");
    }

    @Test
    void anExceptionWithoutAWireNameArrivesAsRemoteError() {
        agentB.failIn("getInfo", () -> new IllegalStateException("libvirt connection closed"));
        assertThatThrownBy(() -> hostB.getInfo(INSTANCE)).isInstanceOfSatisfying(RemoteError.class, e -> {
            assertThat(e.excType()).isEqualTo("IllegalStateException");
            assertThat(e.value()).isEqualTo("libvirt connection closed");
        });
    }

    @Test
    void aCallToAHostWithoutAgentTimesOutAndNothingRuns() {
        RemoteComputeDriver hostC = new RemoteComputeDriver("host-c", client, OPTIONS);
        assertThatThrownBy(() -> hostC.getInfo(INSTANCE)).isInstanceOf(MessagingTimeout.class)
                .hasMessageContaining("get_info on compute.host-c");
        assertThat(agentA.calls()).isEmpty();
        assertThat(agentB.calls()).isEmpty();
    }

    @Test
    void heartbeatsKeepALongStepAlivePastTheResponseTimeout() {
        agentB.delay("preLiveMigration", 2_500);
        LibvirtLiveMigrateData pre = hostB.preLiveMigration(INSTANCE, DEVICES, NETWORK, FULL_MIGRATE_DATA);
        assertThat(pre.targetConnectAddr()).isEqualTo("198.18.0.12");
    }

    @Test
    void aShortCallGetsNoHeartbeatAndTimesOut() {
        agentB.delay("getInfo", 2_000);
        assertThatThrownBy(() -> hostB.getInfo(INSTANCE)).isInstanceOf(MessagingTimeout.class);
    }

    @Test
    void aRedeliveredMessageDoesNotRunTheStepTwice() {
        broker.duplicateDeliveries();
        hostB.preLiveMigration(INSTANCE, DEVICES, NETWORK, FULL_MIGRATE_DATA);
        hostA.liveMigration(INSTANCE, "host-b", recording(new ArrayList<>()), false, FULL_MIGRATE_DATA);
        assertThat(agentB.calls()).hasSize(1);
        assertThat(agentA.calls()).hasSize(1);
    }

    @Test
    void aSecretIsRefusedBeforeAnythingIsSent() {
        LibvirtLiveMigrateData withKeyring = LibvirtLiveMigrateData.builder().bdms(List.of(new LibvirtLiveMigrateBDMInfo(
                "vol-1", null, null, null, null, null, "{\"data\": {\"keyring\": \"k\"}}", null))).build();
        assertThatThrownBy(() -> hostB.preLiveMigration(INSTANCE, DEVICES, NETWORK, withKeyring))
                .isInstanceOf(SecretInMessage.class);
        assertThat(sentRequests()).isEmpty();
    }

    @Test
    void anUnknownMethodOrVersionIsRefusedByTheAgent() {
        Target b = Target.server("nova", "compute", "host-b");
        assertThatThrownBy(() -> client.call(b, RequestContext.empty(), "reboot_instance",
                JsonNodeFactory.instance.objectNode(), "6.0", Duration.ofSeconds(1), null))
                .isInstanceOfSatisfying(RemoteError.class, e -> assertThat(e.excType()).isEqualTo("NoSuchMethod"));
        assertThatThrownBy(() -> client.call(b, RequestContext.empty(), "get_info",
                JsonNodeFactory.instance.objectNode(), "7.0", Duration.ofSeconds(1), null))
                .isInstanceOfSatisfying(RemoteError.class, e -> assertThat(e.excType()).isEqualTo("UnsupportedVersion"));
        assertThatThrownBy(() -> client.call(b, RequestContext.empty(), "get_info",
                JsonNodeFactory.instance.objectNode(), "6.0", Duration.ofSeconds(1), null))
                .isInstanceOfSatisfying(RemoteError.class, e -> assertThat(e.value()).contains("args.instance"));
    }

    /** Every request the controller published (replies excluded): "routing-key CALL|CAST method". */
    private List<String> sentRequests() {
        return broker.published().stream().filter(p -> p.exchange().equals("nova")).map(p -> {
            RpcMessage m = RpcMessage.fromBody(p.body());
            return p.routingKey() + " " + (m.isCall() ? "CALL" : "CAST") + " " + m.method();
        }).toList();
    }

    private static LiveMigrationCallbacks recording(List<String> outcome) {
        return new LiveMigrationCallbacks() {
            @Override
            public void postMethod(Instance i, String dest, boolean block, LibvirtLiveMigrateData md) {
                outcome.add("post " + dest + " " + md.toJson());
            }

            @Override
            public void recoverMethod(Instance i, String dest, LibvirtLiveMigrateData md, MigrationStatus s) {
                outcome.add("recover " + dest + " " + s);
            }
        };
    }
}
