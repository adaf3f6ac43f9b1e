package dev.novalibvirt.migration.xml;

import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.image.ImageBackend;
import dev.novalibvirt.core.image.MonitorEndpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the current Ceph monitors come from: the live monmap ({@code ceph mon dump}), read at the moment a disk
 * element is written (spawn) or rewritten (migration), never cached from boot time. Mirrors
 * {@code RBDDriver.get_mon_addrs}.
 */
@FunctionalInterface
public interface MonitorAddressSource {
    /** The monitors of the cluster now, in monmap order; never empty. */
    List<MonitorAddress> monitorAddresses();

    /**
     * The monitors an image backend reports ({@link ImageBackend#currentMonitors()}, e.g. the RBD backend's live
     * monmap), read at each call; a monmap without monitors is refused ({@link InvalidInput}) rather than leaving
     * disks without hosts.
     *
     * @throws InvalidConfiguration when the backend is null or does not {@linkplain ImageBackend#reportsMonitors()
     *                              report} monitors
     */
    static MonitorAddressSource of(ImageBackend backend) {
        if (backend == null) {
            throw new InvalidConfiguration("MonitorAddressSource.of: the image backend is required (got null)");
        }
        if (!backend.reportsMonitors()) {
            throw new InvalidConfiguration("the " + backend.imagesType() + " image backend reports no monitors");
        }
        return () -> {
            List<MonitorEndpoint> monitors = backend.currentMonitors();
            if (monitors == null || monitors.isEmpty()) {
                throw new InvalidInput("the " + backend.imagesType() + " image backend's monmap has no monitors");
            }
            List<MonitorAddress> out = new ArrayList<>();
            for (MonitorEndpoint m : monitors) {
                if (m == null) {
                    throw new InvalidInput("the " + backend.imagesType() + " image backend's monmap has a null monitor");
                }
                out.add(new MonitorAddress(m.host(), Integer.toString(m.port())));
            }
            return List.copyOf(out);
        };
    }
}
