package dev.novalibvirt.agent;

import dev.novalibvirt.core.config.IniFile;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.rbdlibvirt.RbdLibvirt;
import dev.novalibvirt.rpc.config.RpcOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What one agent reads from its host's nova.conf, read once: the driver's options ({@link NovaConfig}: [DEFAULT]
 * host, instances_path, [libvirt] ...), the wire's ({@link RpcOptions}: transport_url, rpc_response_timeout,
 * long_rpc_timeout), and the process's own, under oslo's names and defaults. {@code toString} masks the password
 * (the records' {@code TransportUrl} does).
 *
 * @param nova             the driver's configuration
 * @param rpc              the messaging options; {@code rpc.host()} is the server name, the same as nova's host
 * @param libvirtUri       {@code [libvirt] connection_uri}, or the URI Nova derives from {@code virt_type}
 *                         ({@code qemu:///system} for kvm and qemu)
 * @param workers          {@code [DEFAULT] executor_thread_pool_size} (oslo.messaging, 64): steps run at once
 * @param gracefulShutdown {@code [DEFAULT] graceful_shutdown_timeout} (oslo.service, 60 s): how long a stopping
 *                         agent lets running steps finish
 */
public record AgentConfig(NovaConfig nova, RpcOptions rpc, String libvirtUri, int workers, Duration gracefulShutdown) {

    public static AgentConfig fromFile(Path novaConf) {
        return from(IniFile.read(novaConf), NovaConfig.fromFile(novaConf));
    }

    public static AgentConfig parse(String novaConfText) {
        return from(IniFile.parse(novaConfText), NovaConfig.parse(novaConfText));
    }

    private static AgentConfig from(IniFile ini, NovaConfig nova) {
        RpcOptions read = RpcOptions.from(ini);
        // one host name for driver and wire: core's default (the machine's name) wins when none is set
        RpcOptions rpc = new RpcOptions(nova.defaults().host(), read.transportUrl(), read.rpcResponseTimeout(),
                read.longRpcTimeout(), read.rabbit());
        String uri = RbdLibvirt.connectionUri(nova);
        return new AgentConfig(nova, rpc, uri, positive(ini, "executor_thread_pool_size", 64),
                Duration.ofSeconds(positive(ini, "graceful_shutdown_timeout", 60)));
    }

    private static int positive(IniFile ini, String key, int def) {
        Optional<String> v = ini.get("DEFAULT", key).map(String::strip).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidConfiguration("[DEFAULT] " + key + " = '" + v.get() + "' is not an integer > 0");
    }

    /** The agent's server name ({@code compute.<host>}). */
    public String host() {
        return rpc.host();
    }
}
