package dev.novalibvirt.migration.xml;

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
}
