package dev.novalibvirt.cli.port;

import dev.novalibvirt.migration.xml.MonitorAddress;
import dev.novalibvirt.rbd.LockOwner;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.fence.CephBlocklist;
import java.util.List;
import java.util.Optional;

/** The Ceph cluster as nova.conf's {@code rbd_user} sees it (read-only questions). */
public interface CephCluster extends AutoCloseable {
    /** The live monmap's monitors, as disk XML names them (v1 or v2 per the backend's setting). */
    List<MonitorAddress> monitors();

    /** Watchers and advisory lockers of {@code pool/image}; empty when it does not exist. */
    Optional<RbdDriver.Holders> holders(String pool, String image);

    /** The managed (exclusive) lock owners of {@code pool/image}. */
    List<LockOwner> lockOwners(String pool, String image);

    /** {@code osd blocklist ls}. */
    List<CephBlocklist.Entry> blocklist();

    @Override
    void close();
}
