package dev.novalibvirt.agent;

import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdImageBackend;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.transport.AmqpTransport;
import dev.novalibvirt.rpc.transport.Transport;

/**
 * How a real agent gets its parts, each a seam so the wiring is unit-tested with fakes: the host's
 * {@link LibvirtDriver} over its own libvirtd with the RBD backend from its own nova.conf (as the README's example
 * builds one), and the RabbitMQ transport of its {@code transport_url}.
 */
public final class AgentDrivers {
    private AgentDrivers() {
    }

    /**
     * A host's driver and what it uses that the driver does not close itself (the RBD backend's librados client),
     * closed after it.
     */
    public record HostDriver(ComputeDriver driver, AutoCloseable resources) {
        public static HostDriver of(ComputeDriver driver) {
            return new HostDriver(driver, () -> { });
        }
    }

    /** Builds a host's driver. */
    @FunctionalInterface
    public interface DriverFactory {
        HostDriver create(AgentConfig config);
    }

    /** Connects the agent's transport. */
    @FunctionalInterface
    public interface TransportFactory {
        Transport connect(AgentConfig config);
    }

    /** One LibvirtDriver for the host: libvirtd at {@code connection_uri}, RBD per {@code [libvirt]}. */
    public static HostDriver libvirt(AgentConfig config) {
        RbdConfig rbd = RbdConfig.from(config.nova());
        RbdImageBackend backend = RbdImageBackend.of(rbd);
        try {
            // the driver closes the Host, also when build() fails; the backend is ours to close
            LibvirtDriver driver = LibvirtDriver.builder().config(config.nova()).host(Host.open(config.libvirtUri()))
                    .imageBackend(backend)
                    .cephxKeys(KeyringKeySource.forUser(rbd.keyring(), rbd.user()), false)
                    .build();
            return new HostDriver(driver, backend::close);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** The AMQP transport, named after the host in RabbitMQ's connection list. */
    public static Transport amqp(AgentConfig config) {
        RabbitOptions rabbit = config.rpc().rabbit();
        return AmqpTransport.connect(config.rpc().transportUrl(), rabbit, "nova-agent:" + config.host());
    }
}
