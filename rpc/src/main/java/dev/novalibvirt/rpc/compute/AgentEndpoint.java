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
import dev.novalibvirt.rpc.codec.ContractJson;

/**
 * The agent's endpoint (oslo's dispatcher target object): decodes one method's {@code args}, calls the local
 * driver, and encodes its result. Argument names are those {@link RemoteComputeDriver} sends.
 */
final class AgentEndpoint {
    private final ComputeDriver driver;

    AgentEndpoint(ComputeDriver driver) {
        this.driver = driver;
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
        };
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
