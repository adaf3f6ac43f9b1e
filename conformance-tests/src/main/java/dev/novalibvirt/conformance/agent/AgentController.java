package dev.novalibvirt.conformance.agent;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.rpc.client.RpcClient;
import dev.novalibvirt.rpc.compute.RemoteComputeDriver;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.config.TransportUrl;
import dev.novalibvirt.rpc.transport.AmqpTransport;
import dev.novalibvirt.rpc.transport.Transport;
import dev.novalibvirt.rpc.wire.IdSource;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The controller's side of the lab's agents, as an embedding controller holds it: one connection to the lab's
 * RabbitMQ, one {@link RpcClient} (one reply queue) and a {@link RemoteComputeDriver} per host. Nothing here
 * touches a host; the tests' own eyes on the hosts are separate ({@link VirshLook}, the probe drivers).
 */
public final class AgentController implements AutoCloseable {
    /** oslo's {@code rpc_response_timeout} and Nova's {@code long_rpc_timeout} defaults. */
    public static final Duration RPC_RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration LONG_RPC_TIMEOUT = Duration.ofSeconds(1800);
    // RemoteComputeDriver reads only the timeouts of its options; the controller's own host and URL are not sent.
    private static final TransportUrl UNUSED_URL = TransportUrl.parse("rabbit://controller@127.0.0.1/");

    private final ContractLab lab;
    private final AmqpTransport transport;
    private final RpcClient client;

    private AgentController(ContractLab lab, AmqpTransport transport, UnaryOperator<Transport> tap) {
        this.lab = lab;
        this.transport = transport;
        this.client = new RpcClient(tap.apply(transport), IdSource.random(), Clock.systemUTC());
    }

    /** Connects to the RabbitMQ lab.env names ({@code RABBIT_TRANSPORT_URL_FILE}) as {@code connectionName}. */
    public static AgentController connect(ContractLab lab, LabEnv env, String connectionName) {
        return connect(lab, env, connectionName, UnaryOperator.identity());
    }

    /**
     * As {@link #connect(ContractLab, LabEnv, String)}, the controller's client talking through {@code tap} around
     * the connection (a benchmark's message counter); closing the controller closes the connection.
     */
    public static AgentController connect(ContractLab lab, LabEnv env, String connectionName,
                                          UnaryOperator<Transport> tap) {
        TransportUrl url = TransportUrl.parse(LabAgents.transportUrl(env));
        return new AgentController(lab, AmqpTransport.connect(url, RabbitOptions.defaults(), connectionName), tap);
    }

    /** The remote driver of lab host {@code letter} with Nova's default timeouts. */
    public RemoteComputeDriver remote(String letter) {
        return remote(letter, RPC_RESPONSE_TIMEOUT, LONG_RPC_TIMEOUT);
    }

    /**
     * The remote driver of lab host {@code letter} with the given timeouts: {@code rpcResponseTimeout} bounds plain
     * calls and the heartbeat gap of long ones, {@code longRpcTimeout} the long calls overall (and is their
     * messages' TTL on the broker).
     */
    public RemoteComputeDriver remote(String letter, Duration rpcResponseTimeout, Duration longRpcTimeout) {
        return new RemoteComputeDriver(lab.hostValue(letter, "NAME"), client, new RpcOptions("controller",
                UNUSED_URL, rpcResponseTimeout, longRpcTimeout, RabbitOptions.defaults()));
    }

    @Override
    public void close() {
        client.close();
        transport.close();
    }
}
