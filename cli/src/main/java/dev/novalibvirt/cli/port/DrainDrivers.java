package dev.novalibvirt.cli.port;

import dev.novalibvirt.core.driver.ComputeDriver;
import java.util.List;

/**
 * The drivers a {@code HostDrain} runs between: the drained host's and one per destination. The live one builds a
 * {@code LibvirtDriver} with the RBD image backend per host from its {@link DrainEnds.Host}; the unit tests hand in
 * fakes. Closing closes them all.
 */
public interface DrainDrivers extends AutoCloseable {
    ComputeDriver source();

    /** In the order of {@link DrainEnds#destinations()}. */
    List<ComputeDriver> destinations();

    @Override
    void close();
}
