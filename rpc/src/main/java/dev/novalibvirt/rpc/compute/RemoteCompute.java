package dev.novalibvirt.rpc.compute;

import dev.novalibvirt.core.exception.InvalidHostname;
import dev.novalibvirt.rpc.client.RpcClient;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.transport.AmqpTransport;
import dev.novalibvirt.rpc.transport.Transport;
import dev.novalibvirt.rpc.wire.IdSource;
import java.time.Clock;
import java.util.Objects;

/**
 * A controller's side of the compute agents, as Nova's conductor holds a {@code ComputeAPI} rpcapi: one connection
 * to the broker of {@code transport_url}, one reply queue, and a {@link RemoteComputeDriver} per host it names.
 * Closing it closes the connection; the agents and their guests are untouched.
 */
public final class RemoteCompute implements AutoCloseable {
    private final Transport transport;
    private final RpcClient client;
    private final RpcOptions options;
    private final boolean ownsTransport;

    private RemoteCompute(Transport transport, RpcOptions options, Clock clock, boolean ownsTransport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.options = Objects.requireNonNull(options, "options");
        // a request returned after a broker restart is sent again while the agents may still be reconnecting: up to
        // two of their longest reconnect delays (rabbit_interval_max)
        this.client = new RpcClient(transport, IdSource.random(), Objects.requireNonNull(clock, "clock"),
                options.rabbit().retry().intervalMax().multipliedBy(2));
        this.ownsTransport = ownsTransport;
    }

    /**
     * Connects to the broker of the controller's {@code [DEFAULT] transport_url}; its {@code rpc_response_timeout}
     * and {@code long_rpc_timeout} bound every call.
     *
     * @throws dev.novalibvirt.rpc.MessageDeliveryFailure when no broker accepts the connection
     */
    public static RemoteCompute connect(RpcOptions options) {
        Objects.requireNonNull(options, "options");
        AmqpTransport transport = AmqpTransport.connect(options.transportUrl(), options.rabbit(),
                "nova-libvirt-controller:" + options.host());
        try {
            return new RemoteCompute(transport, options, Clock.systemUTC(), true);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /** Over a transport the caller owns (and closes), e.g. one it shares with other clients or a test's. */
    public static RemoteCompute over(Transport transport, RpcOptions options, Clock clock) {
        return new RemoteCompute(transport, options, clock, false);
    }

    /**
     * The compute driver of {@code host}: every step runs on that host's agent (server {@code host} of topic
     * {@code compute}), which must be serving for calls to be answered.
     */
    public RemoteComputeDriver host(String host) {
        if (host == null || host.isBlank()) {
            throw new InvalidHostname("host: the [DEFAULT] host an agent serves as is required, got '"
                    + (host == null ? "null" : host) + "'");
        }
        return new RemoteComputeDriver(host, client, options);
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            if (ownsTransport) {
                transport.close();
            }
        }
    }
}
