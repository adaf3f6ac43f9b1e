package dev.novalibvirt.rbd.fence;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Evacuation fencing: before a dead host's guests are rebuilt elsewhere, every Ceph client on that host is
 * blocklisted (its whole IP, {@code IP:0/0}) with an expiry, so a QEMU that is in fact still alive can no
 * longer write. Repairing the host removes the entry (and any per-client entries on that IP).
 */
public final class HostFencer {
    private final CephBlocklist blocklist;

    public HostFencer(CephBlocklist blocklist) {
        this.blocklist = Objects.requireNonNull(blocklist, "blocklist");
    }

    /** Blocklists all Ceph clients of {@code hostIp} for {@code expiry}; returns the entry added. */
    public String fenceHost(String hostIp, Duration expiry) {
        return blocklist.add(CephBlocklist.wholeHost(hostIp), expiry);
    }

    /** Blocklists exactly these clients (e.g. the holders {@link DiskInUse} named). */
    public List<String> fenceClients(List<ImageHolder> holders, Duration expiry) {
        return holders.stream().map(ImageHolder::address).distinct().map(a -> blocklist.add(a, expiry)).toList();
    }

    /** The host was repaired: removes every blocklist entry on its IP; returns what was removed. */
    public List<String> unfenceHost(String hostIp) {
        String ip = CephAddress.ip(CephBlocklist.wholeHost(hostIp));
        List<String> removed = blocklist.list().stream().map(CephBlocklist.Entry::address)
                .filter(a -> CephAddress.ip(a).equals(ip)).toList();
        removed.forEach(blocklist::remove);
        return removed;
    }
}
