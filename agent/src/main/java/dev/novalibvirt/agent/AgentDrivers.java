package dev.novalibvirt.agent;

import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.driver.LibvirtHostProbe;
import dev.novalibvirt.migration.task.truth.HostProbe;
import dev.novalibvirt.rbdlibvirt.RbdLibvirt;
import dev.novalibvirt.rbdlibvirt.RbdLibvirtDriver;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.transport.AmqpTransport;
import dev.novalibvirt.rpc.transport.Transport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How a real agent gets its parts, each a seam so the wiring is unit-tested with fakes: the host's LibvirtDriver
 * over its own libvirtd as {@link RbdLibvirt} assembles it from its own nova.conf (as the README's example does),
 * and the RabbitMQ transport of its {@code transport_url}.
 */
public final class AgentDrivers {
    private AgentDrivers() {
    }

    /**
     * A host's driver, what it uses that the driver does not close itself (the RBD backend's librados client, closed
     * after it), recovery's probe of the host (served as {@code get_live_migration_recovery_info} and the recovery
     * mends; null serves none) and what the agent settles on the host before it serves (Nova's {@code init_host}).
     */
    public record HostDriver(ComputeDriver driver, AutoCloseable resources, HostProbe probe, Runnable initHost) {
        public HostDriver {
            Objects.requireNonNull(driver, "driver");
            resources = resources == null ? () -> { } : resources;
            initHost = initHost == null ? () -> { } : initHost;
        }

        /** A driver without a probe or start-up recovery. */
        public HostDriver(ComputeDriver driver, AutoCloseable resources) {
            this(driver, resources, null, null);
        }

        public static HostDriver of(ComputeDriver driver) {
            return new HostDriver(driver, null);
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

    /**
     * One LibvirtDriver for the host: libvirtd at {@code connection_uri}, everything RBD per nova.conf; its
     * {@code LibvirtHostProbe} (with instances_path) for the controller's recovery; the agent's incoming ledger
     * kept beside the driver, and the start-up recovery ({@code HostStartRecovery}) to run before it serves.
     */
    public static HostDriver libvirt(AgentConfig config) {
        RbdLibvirtDriver host = RbdLibvirt.builder(config.nova()).connect(config.libvirtUri()).build();
        LibvirtDriver driver = host.driver();
        Path instances = driver.instanceDirs().instancesPath();
        IncomingLedger ledger = new IncomingLedger(instances, driver.host());
        LibvirtHostProbe probe = LibvirtHostProbe.of(driver);
        // the agent closes the driver, then the backend
        return new HostDriver(new LedgeredDriver(driver, ledger, instances, Clock.systemUTC()), host.imageBackend(),
                probe, new HostStartRecovery(driver.host(), probe, ledger, instances, Clock.systemUTC()));
    }

    /** The AMQP transport, named after the host in RabbitMQ's connection list. */
    public static Transport amqp(AgentConfig config) {
        RabbitOptions rabbit = config.rpc().rabbit();
        return AmqpTransport.connect(config.rpc().transportUrl(), rabbit, "nova-agent:" + config.host());
    }
}
