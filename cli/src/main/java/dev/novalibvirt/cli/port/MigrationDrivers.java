package dev.novalibvirt.cli.port;

import dev.novalibvirt.core.driver.ComputeDriver;

/**
 * The two drivers a {@code LiveMigrationTask} runs between: the live one builds a {@code LibvirtDriver} with the RBD
 * image backend per host from its {@link MigrationEnds}, the unit tests hand in fakes. Closing closes both (and the
 * backend they share).
 */
public interface MigrationDrivers extends AutoCloseable {
    ComputeDriver source();

    ComputeDriver destination();

    @Override
    void close();
}
