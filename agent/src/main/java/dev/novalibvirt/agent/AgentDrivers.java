package dev.novalibvirt.agent;

import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.rbdlibvirt.RbdLibvirt;
import dev.novalibvirt.rbdlibvirt.RbdLibvirtDriver;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.transport.AmqpTransport;
import dev.novalibvirt.rpc.transport.Transport;

/**
 * How a real agent gets its parts, each a seam so the wiring is unit-tested with fakes: the host's LibvirtDriver
 * over its own libvirtd as {@link RbdLibvirt} assembles it from its own nova.conf (as the README's example does),
 * and the RabbitMQ transport of its {@code transport_url}.
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

    /** One LibvirtDriver for the host: libvirtd at {@code connection_uri}, everything RBD per nova.conf. */
    public static HostDriver libvirt(AgentConfig config) {
        RbdLibvirtDriver host = RbdLibvirt.builder(config.nova()).connect(config.libvirtUri()).build();
        return new HostDriver(host.driver(), host.imageBackend()); // the agent closes the driver, then the backend
    }

    /** The AMQP transport, named after the host in RabbitMQ's connection list. */
    public static Transport amqp(AgentConfig config) {
        RabbitOptions rabbit = config.rpc().rabbit();
        return AmqpTransport.connect(config.rpc().transportUrl(), rabbit, "nova-agent:" + config.host());
    }
}
