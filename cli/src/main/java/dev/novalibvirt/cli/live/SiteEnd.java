package dev.novalibvirt.cli.live;

import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.Instance;
import java.util.List;

/**
 * One host of a conformance run as the run reaches it: the driver every contract step goes to (the host's own
 * {@code LibvirtDriver} in this process, or {@code RemoteComputeDriver} to its agent), and how the run looks for and
 * removes what its guest left there.
 */
interface SiteEnd extends AutoCloseable {
    /** The driver of the contract's steps on this host. */
    ComputeDriver driver();

    /** What of {@code instance} is left on this host (its domain, its instance dir), one line each. */
    List<String> leftovers(Instance instance);

    /** Removes what of {@code instance} is left on this host, best effort (its disks are the cluster's). */
    void purge(Instance instance);

    @Override
    void close();
}
