package dev.novalibvirt.rpc.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.migration.task.truth.HostProbe;
import dev.novalibvirt.rpc.codec.ContractJson;
import dev.novalibvirt.rpc.codec.RecoveryInfoJson;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's endpoint (oslo's dispatcher target object): decodes one method's {@code args}, calls the local
 * driver (or, for recovery's methods, the host's {@link HostProbe}), and encodes its result. Argument names are
 * those {@link RemoteComputeDriver} and {@link RemoteHostProbe} send.
 */
final class AgentEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AgentEndpoint.class);
    private final ComputeDriver driver;
    private final HostProbe probe;

    /** @param probe the host's probe, or null for an agent that serves no recovery (its methods are refused) */
    AgentEndpoint(ComputeDriver driver, HostProbe probe) {
        this.driver = driver;
        this.probe = probe;
    }

    JsonNode invoke(ComputeRpcMethod method, ObjectNode json) {
        Args a = Args.read(json);
        return switch (method) {
            case GET_AVAILABLE_RESOURCE -> ContractJson.encode(driver.getAvailableResource());
            case SPAWN -> done(() -> driver.spawn(instance(a), a.required("image_meta", ImageMeta.class),
                    network(a), devices(a), a.bool("power_on")));
            case DESTROY -> done(() -> driver.destroy(instance(a), network(a), devices(a), a.bool("destroy_disks"),
                    a.bool("destroy_secrets")));
            case CLEANUP -> done(() -> driver.cleanup(instance(a), network(a), devices(a), a.bool("destroy_disks"),
                    a.get("migrate_data", LibvirtLiveMigrateData.class), a.bool("destroy_vifs"),
                    a.bool("destroy_secrets")));
            case GET_INFO -> ContractJson.encode(driver.getInfo(instance(a)));
            case INSTANCE_EXISTS -> BooleanNode.valueOf(driver.instanceExists(instance(a)));
            case CHECK_CAN_LIVE_MIGRATE_DESTINATION -> ContractJson.encode(driver.checkCanLiveMigrateDestination(
                    instance(a), a.required("src_compute_info", ComputeInfo.class),
                    a.required("dst_compute_info", ComputeInfo.class), a.get("block_migration", Boolean.class),
                    a.get("disk_over_commit", Boolean.class)));
            case CLEANUP_LIVE_MIGRATION_DESTINATION_CHECK -> done(() -> driver.cleanupLiveMigrationDestinationCheck(
                    a.required("dest_check_data", LibvirtLiveMigrateData.class)));
            case CHECK_CAN_LIVE_MIGRATE_SOURCE -> ContractJson.encode(driver.checkCanLiveMigrateSource(instance(a),
                    a.required("dest_check_data", LibvirtLiveMigrateData.class), devices(a)));
            case PRE_LIVE_MIGRATION -> ContractJson.encode(driver.preLiveMigration(instance(a), devices(a),
                    network(a), a.required("migrate_data", LibvirtLiveMigrateData.class)));
            case LIVE_MIGRATION -> liveMigration(a);
            case LIVE_MIGRATION_ABORT -> done(() -> driver.liveMigrationAbort(instance(a)));
            case LIVE_MIGRATION_FORCE_COMPLETE -> done(() -> driver.liveMigrationForceComplete(instance(a)));
            case POST_LIVE_MIGRATION -> done(() -> driver.postLiveMigration(instance(a), devices(a),
                    a.get("migrate_data", LibvirtLiveMigrateData.class)));
            case POST_LIVE_MIGRATION_AT_SOURCE -> done(() -> driver.postLiveMigrationAtSource(instance(a),
                    network(a)));
            case POST_LIVE_MIGRATION_AT_DESTINATION -> done(() -> driver.postLiveMigrationAtDestination(instance(a),
                    network(a), a.bool("block_migration"), devices(a)));
            case ROLLBACK_LIVE_MIGRATION_AT_SOURCE -> done(() -> driver.rollbackLiveMigrationAtSource(instance(a),
                    a.get("migrate_data", LibvirtLiveMigrateData.class)));
            case ROLLBACK_LIVE_MIGRATION_AT_DESTINATION -> done(() -> driver.rollbackLiveMigrationAtDestination(
                    instance(a), network(a), devices(a), a.bool("destroy_disks"),
                    a.get("migrate_data", LibvirtLiveMigrateData.class)));
            case GET_LIVE_MIGRATION_RECOVERY_INFO -> RecoveryInfoJson.encode(probe(method).view(instance(a)));
            case LIVE_MIGRATION_RECOVERY_RESUME -> mend(method, a, probe(method)::resume);
            case LIVE_MIGRATION_RECOVERY_PERSIST -> mend(method, a, probe(method)::persist);
            case LIVE_MIGRATION_RECOVERY_POWER_OFF -> mend(method, a, probe(method)::powerOff);
        };
    }

    private HostProbe probe(ComputeRpcMethod method) {
        if (probe == null) {
            throw new AgentDispatcher.NoSuchMethod(method.wireName());
        }
        return probe;
    }

    /** A change recovery asked for on this host: logged, as every recovery action is. */
    private JsonNode mend(ComputeRpcMethod method, Args a, Consumer<Instance> action) {
        Instance instance = instance(a);
        LOG.info("{} of {} ({}) on {}, asked by the controller's recovery", method.wireName(), instance.uuid(),
                instance.name(), driver.host());
        action.accept(instance);
        return NullNode.getInstance();
    }

    /** Runs the migration with recording callbacks; the report says which one the driver called. */
    private JsonNode liveMigration(Args a) {
        MigrationOutcome.Recorder recorder = MigrationOutcome.recorder();
        driver.liveMigration(instance(a), a.text("dest"), recorder, a.bool("block_migration"),
                a.get("migrate_data", LibvirtLiveMigrateData.class));
        return recorder.outcome().toJson();
    }

    private static Instance instance(Args a) {
        return a.required("instance", Instance.class);
    }

    private static NetworkInfo network(Args a) {
        return a.required("network_info", NetworkInfo.class);
    }

    private static BlockDeviceInfo devices(Args a) {
        return a.required("block_device_info", BlockDeviceInfo.class);
    }

    private static JsonNode done(Runnable step) {
        step.run();
        return NullNode.getInstance();
    }
}
