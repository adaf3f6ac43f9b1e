package dev.novalibvirt.cli.port;

import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.migration.evacuate.EvacuationStorage;
import java.util.List;

/**
 * What an {@code evacuate} runs with: a driver per host it acts on (the destinations of an evacuation, or the host
 * that came back for its cleanup) and the storage side as the admin identity (fencing, who holds a disk). The live
 * one builds a {@code LibvirtDriver} with the RBD image backend per host and rbd-libvirt's {@code
 * RbdEvacuationStorage}; the unit tests hand in fakes. Closing closes them all.
 */
public interface EvacuationHosts extends AutoCloseable {
    /** In the order the hosts were given. */
    List<ComputeDriver> hosts();

    EvacuationStorage storage();

    @Override
    void close();
}
