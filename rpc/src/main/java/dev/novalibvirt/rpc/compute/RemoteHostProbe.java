package dev.novalibvirt.rpc.compute;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.migration.task.truth.HostProbe;
import dev.novalibvirt.migration.task.truth.HostView;
import dev.novalibvirt.rpc.MessagingTimeout;
import dev.novalibvirt.rpc.client.RpcClient;
import dev.novalibvirt.rpc.codec.RecoveryInfoJson;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.wire.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery's eyes on one host through its agent, for a controller that reaches its hosts only through RabbitMQ:
 * {@link #view} calls {@code get_live_migration_recovery_info} (within {@code rpc_response_timeout}); the mends call
 * {@code live_migration_recovery_resume}, {@code _persist} and {@code _power_off}, which the agent runs on its own
 * libvirtd. None is Nova's (see {@link ComputeRpcMethod#GET_LIVE_MIGRATION_RECOVERY_INFO}).
 *
 * <p>A look never throws: an agent that does not answer in time ({@link MessagingTimeout}), a broker that refuses
 * the call, an agent without the method, or an answer that is not a valid one makes the host unreachable for this
 * look, so recovery changes nothing and leaves the migration for its next call. A failed mend throws, typed as the
 * agent raised it, and recovery records the step as pending.
 */
public final class RemoteHostProbe implements HostProbe {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteHostProbe.class);
    private final AgentChannel channel;

    /**
     * @param host    the agent's {@code [DEFAULT] host}
     * @param client  shared by every remote driver and probe of the controller
     * @param options {@code rpc_response_timeout} bounds every call
     */
    public RemoteHostProbe(String host, RpcClient client, RpcOptions options) {
        this(new AgentChannel(host, client, options, RequestContext::newRequest));
    }

    RemoteHostProbe(AgentChannel channel) {
        this.channel = channel;
    }

    public String host() {
        return channel.host();
    }

    @Override
    public HostView view(Instance instance) {
        try {
            return RecoveryInfoJson.decode(channel.send(ComputeRpcMethod.GET_LIVE_MIGRATION_RECOVERY_INFO,
                    Args.build().put("instance", instance)), channel.host());
        } catch (MessagingTimeout e) {
            LOG.warn("recovery look at {} on {}: its agent did not answer within rpc_response_timeout ({} s)",
                    instance.uuid(), channel.host(), channel.options().rpcResponseTimeout().toSeconds());
            return HostView.unreachable(channel.host(), "its agent did not answer within rpc_response_timeout ("
                    + channel.options().rpcResponseTimeout().toSeconds() + " s)");
        } catch (RuntimeException e) {
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warn("recovery look at {} on {} failed: {}", instance.uuid(), channel.host(), why);
            return HostView.unreachable(channel.host(), why);
        }
    }

    @Override
    public void resume(Instance instance) {
        channel.send(ComputeRpcMethod.LIVE_MIGRATION_RECOVERY_RESUME, Args.build().put("instance", instance));
    }

    @Override
    public void persist(Instance instance) {
        channel.send(ComputeRpcMethod.LIVE_MIGRATION_RECOVERY_PERSIST, Args.build().put("instance", instance));
    }

    @Override
    public void powerOff(Instance instance) {
        channel.send(ComputeRpcMethod.LIVE_MIGRATION_RECOVERY_POWER_OFF, Args.build().put("instance", instance));
    }

    @Override
    public String toString() {
        return "RemoteHostProbe[" + channel.host() + "]";
    }
}
