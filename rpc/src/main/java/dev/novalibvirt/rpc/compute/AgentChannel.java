package dev.novalibvirt.rpc.compute;

import com.fasterxml.jackson.databind.JsonNode;
import dev.novalibvirt.rpc.client.RpcClient;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.transport.Target;
import dev.novalibvirt.rpc.wire.RequestContext;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The way to one host's agent that {@link RemoteComputeDriver} and {@link RemoteHostProbe} share: each method goes
 * as {@link ComputeRpcMethod} says (call, or cast with a report) to server {@code host} of its topic on exchange
 * {@code nova}, with its timeouts from the caller's options.
 */
record AgentChannel(String host, RpcClient client, RpcOptions options, Supplier<RequestContext> contexts) {
    AgentChannel {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(contexts, "contexts");
    }

    JsonNode send(ComputeRpcMethod method, Args args) {
        Target target = Target.server(ComputeRpcMethod.EXCHANGE, method.topic().wireName(), host);
        RequestContext context = contexts.get();
        Duration timeout = method.waits().timeout(options);
        Duration monitor = method.waits().callMonitor(options);
        return switch (method.kind()) {
            case CALL -> client.call(target, context, method.wireName(), args.json(), ComputeRpcMethod.VERSION,
                    timeout, monitor);
            case CAST -> client.castWithReport(target, context, method.wireName(), args.json(),
                    ComputeRpcMethod.VERSION, timeout, monitor);
        };
    }
}
