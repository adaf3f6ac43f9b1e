package dev.novalibvirt.rpc.compute;

import com.fasterxml.jackson.databind.JsonNode;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.LiveMigrationCallbacks;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.rpc.MalformedMessage;
import dev.novalibvirt.rpc.client.RpcClient;
import dev.novalibvirt.rpc.codec.ContractJson;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.wire.RequestContext;
import java.util.function.Supplier;

/**
 * A {@link ComputeDriver} whose every step runs on its host's agent: each method is sent as {@link ComputeRpcMethod}
 * says (call, or cast with a report) to server {@code host} of topic {@code compute} or {@code compute-alt} on
 * exchange {@code nova}, and the agent's result or exception comes back as itself. A lost agent surfaces as
 * {@link dev.novalibvirt.rpc.MessagingTimeout}; the step's effect on the host is then unknown, which the migration
 * journal's recovery resolves. {@link #close()} closes nothing remote: the agent keeps its driver.
 */
public final class RemoteComputeDriver implements ComputeDriver {
    private final AgentChannel channel;

    /**
     * @param host     the agent's {@code [DEFAULT] host}
     * @param client   shared by every remote driver of the controller (one reply queue)
     * @param options  timeouts ({@code rpc_response_timeout}, {@code long_rpc_timeout})
     * @param contexts the context of each message (a request id per call by default)
     */
    public RemoteComputeDriver(String host, RpcClient client, RpcOptions options, Supplier<RequestContext> contexts) {
        this.channel = new AgentChannel(host, client, options, contexts);
    }

    public RemoteComputeDriver(String host, RpcClient client, RpcOptions options) {
        this(host, client, options, RequestContext::newRequest);
    }

    @Override
    public String host() {
        return channel.host();
    }

    /**
     * Recovery's eyes on this host through the same agent, client and timeouts: pass it with this driver as a
     * {@code MigrationRecovery.Site} when the controller reaches the host only through its agent.
     */
    public RemoteHostProbe probe() {
        return new RemoteHostProbe(channel);
    }

    @Override
    public ComputeInfo getAvailableResource() {
        return decode(send(ComputeRpcMethod.GET_AVAILABLE_RESOURCE, Args.build()), ComputeInfo.class);
    }

    @Override
    public void spawn(Instance instance, ImageMeta imageMeta, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo,
                      boolean powerOn) {
        send(ComputeRpcMethod.SPAWN, Args.build().put("instance", instance).put("image_meta", imageMeta)
                .put("network_info", networkInfo).put("block_device_info", blockDeviceInfo).put("power_on", powerOn));
    }

    @Override
    public void destroy(Instance instance, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo,
                        boolean destroyDisks, boolean destroySecrets) {
        send(ComputeRpcMethod.DESTROY, Args.build().put("instance", instance).put("network_info", networkInfo)
                .put("block_device_info", blockDeviceInfo).put("destroy_disks", destroyDisks)
                .put("destroy_secrets", destroySecrets));
    }

    @Override
    public void cleanup(Instance instance, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo,
                        boolean destroyDisks, LibvirtLiveMigrateData migrateData, boolean destroyVifs,
                        boolean destroySecrets) {
        send(ComputeRpcMethod.CLEANUP, Args.build().put("instance", instance).put("network_info", networkInfo)
                .put("block_device_info", blockDeviceInfo).put("destroy_disks", destroyDisks)
                .put("migrate_data", migrateData).put("destroy_vifs", destroyVifs)
                .put("destroy_secrets", destroySecrets));
    }

    @Override
    public InstanceInfo getInfo(Instance instance) {
        return decode(send(ComputeRpcMethod.GET_INFO, Args.build().put("instance", instance)), InstanceInfo.class);
    }

    @Override
    public boolean instanceExists(Instance instance) {
        JsonNode r = send(ComputeRpcMethod.INSTANCE_EXISTS, Args.build().put("instance", instance));
        if (r == null || !r.isBoolean()) {
            throw new MalformedMessage("instance_exists did not return a boolean");
        }
        return r.booleanValue();
    }

    @Override
    public LibvirtLiveMigrateData checkCanLiveMigrateDestination(Instance instance, ComputeInfo srcComputeInfo,
                                                                 ComputeInfo dstComputeInfo, Boolean blockMigration,
                                                                 Boolean diskOverCommit) {
        return migrateData(send(ComputeRpcMethod.CHECK_CAN_LIVE_MIGRATE_DESTINATION, Args.build()
                .put("instance", instance).put("src_compute_info", srcComputeInfo)
                .put("dst_compute_info", dstComputeInfo).put("block_migration", blockMigration)
                .put("disk_over_commit", diskOverCommit)));
    }

    @Override
    public void cleanupLiveMigrationDestinationCheck(LibvirtLiveMigrateData destCheckData) {
        send(ComputeRpcMethod.CLEANUP_LIVE_MIGRATION_DESTINATION_CHECK,
                Args.build().put("dest_check_data", destCheckData));
    }

    @Override
    public LibvirtLiveMigrateData checkCanLiveMigrateSource(Instance instance, LibvirtLiveMigrateData destCheckData,
                                                            BlockDeviceInfo blockDeviceInfo) {
        return migrateData(send(ComputeRpcMethod.CHECK_CAN_LIVE_MIGRATE_SOURCE, Args.build().put("instance", instance)
                .put("dest_check_data", destCheckData).put("block_device_info", blockDeviceInfo)));
    }

    @Override
    public LibvirtLiveMigrateData preLiveMigration(Instance instance, BlockDeviceInfo blockDeviceInfo,
                                                   NetworkInfo networkInfo, LibvirtLiveMigrateData migrateData) {
        return migrateData(send(ComputeRpcMethod.PRE_LIVE_MIGRATION, Args.build().put("instance", instance)
                .put("block_device_info", blockDeviceInfo).put("network_info", networkInfo)
                .put("migrate_data", migrateData)));
    }

    /** Casts {@code live_migration} and waits for its report, then calls the matching callback here. */
    @Override
    public void liveMigration(Instance instance, String dest, LiveMigrationCallbacks callbacks, boolean blockMigration,
                              LibvirtLiveMigrateData migrateData) {
        JsonNode report = send(ComputeRpcMethod.LIVE_MIGRATION, Args.build().put("instance", instance)
                .put("dest", dest).put("block_migration", blockMigration).put("migrate_data", migrateData));
        MigrationOutcome.fromJson(report).deliver(instance, callbacks);
    }

    @Override
    public void liveMigrationAbort(Instance instance) {
        send(ComputeRpcMethod.LIVE_MIGRATION_ABORT, Args.build().put("instance", instance));
    }

    @Override
    public void liveMigrationForceComplete(Instance instance) {
        send(ComputeRpcMethod.LIVE_MIGRATION_FORCE_COMPLETE, Args.build().put("instance", instance));
    }

    @Override
    public void postLiveMigration(Instance instance, BlockDeviceInfo blockDeviceInfo,
                                  LibvirtLiveMigrateData migrateData) {
        send(ComputeRpcMethod.POST_LIVE_MIGRATION, Args.build().put("instance", instance)
                .put("block_device_info", blockDeviceInfo).put("migrate_data", migrateData));
    }

    @Override
    public void postLiveMigrationAtSource(Instance instance, NetworkInfo networkInfo) {
        send(ComputeRpcMethod.POST_LIVE_MIGRATION_AT_SOURCE, Args.build().put("instance", instance)
                .put("network_info", networkInfo));
    }

    @Override
    public void postLiveMigrationAtDestination(Instance instance, NetworkInfo networkInfo, boolean blockMigration,
                                               BlockDeviceInfo blockDeviceInfo) {
        send(ComputeRpcMethod.POST_LIVE_MIGRATION_AT_DESTINATION, Args.build().put("instance", instance)
                .put("network_info", networkInfo).put("block_migration", blockMigration)
                .put("block_device_info", blockDeviceInfo));
    }

    @Override
    public void rollbackLiveMigrationAtSource(Instance instance, LibvirtLiveMigrateData migrateData) {
        send(ComputeRpcMethod.ROLLBACK_LIVE_MIGRATION_AT_SOURCE, Args.build().put("instance", instance)
                .put("migrate_data", migrateData));
    }

    @Override
    public void rollbackLiveMigrationAtDestination(Instance instance, NetworkInfo networkInfo,
                                                   BlockDeviceInfo blockDeviceInfo, boolean destroyDisks,
                                                   LibvirtLiveMigrateData migrateData) {
        send(ComputeRpcMethod.ROLLBACK_LIVE_MIGRATION_AT_DESTINATION, Args.build().put("instance", instance)
                .put("network_info", networkInfo).put("block_device_info", blockDeviceInfo)
                .put("destroy_disks", destroyDisks).put("migrate_data", migrateData));
    }

    @Override
    public void close() {
        // The client and its transport are shared and owned by the caller; the agent keeps its driver.
    }

    private JsonNode send(ComputeRpcMethod method, Args args) {
        return channel.send(method, args);
    }

    private static LibvirtLiveMigrateData migrateData(JsonNode result) {
        LibvirtLiveMigrateData md = decode(result, LibvirtLiveMigrateData.class);
        if (md == null) {
            throw new MigrationError("the agent returned no migrate data");
        }
        return md;
    }

    private static <T> T decode(JsonNode result, Class<T> type) {
        return ContractJson.decode(result, type, "result");
    }

    @Override
    public String toString() {
        return "RemoteComputeDriver[" + channel.host() + "]";
    }
}
