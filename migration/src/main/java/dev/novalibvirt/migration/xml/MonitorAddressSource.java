package dev.novalibvirt.migration.xml;

import dev.novalibvirt.core.image.ImageBackend;
import java.util.List;
import java.util.Objects;

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
     * monmap), read at each call.
     *
     * @throws IllegalArgumentException when the backend does not {@linkplain ImageBackend#reportsMonitors() report}
     *                                  monitors
     */
    static MonitorAddressSource of(ImageBackend backend) {
        Objects.requireNonNull(backend, "backend");
        if (!backend.reportsMonitors()) {
            throw new IllegalArgumentException("the " + backend.imagesType() + " image backend reports no monitors");
        }
        return () -> backend.currentMonitors().stream()
                .map(m -> new MonitorAddress(m.host(), Integer.toString(m.port()))).toList();
    }
}
