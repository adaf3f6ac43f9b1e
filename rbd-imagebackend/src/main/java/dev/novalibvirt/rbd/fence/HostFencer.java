package dev.novalibvirt.rbd.fence;

import dev.novalibvirt.rbd.metrics.RbdMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Evacuation fencing: before a dead host's guests are rebuilt elsewhere, every Ceph client on that host is
 * blocklisted (its whole IP, {@code IP:0/0}) with an expiry, so a QEMU that is in fact still alive can no
 * longer write. Repairing the host removes the entry (and any per-client entries on that IP). Each action is
 * counted in {@link RbdMetrics} (none by default) with its result.
 */
public final class HostFencer {
    private final CephBlocklist blocklist;
    private final RbdMetrics metrics;

    public HostFencer(CephBlocklist blocklist) {
        this(blocklist, RbdMetrics.none());
    }

    public HostFencer(CephBlocklist blocklist, RbdMetrics metrics) {
        this.blocklist = Objects.requireNonNull(blocklist, "blocklist");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Blocklists all Ceph clients of {@code hostIp} for {@code expiry}; returns the entry added. */
    public String fenceHost(String hostIp, Duration expiry) {
        return metrics.counted("fence-host", () -> blocklist.add(CephBlocklist.wholeHost(hostIp), expiry));
    }

    /** Blocklists exactly these clients (e.g. the holders {@link DiskInUse} named). */
    public List<String> fenceClients(List<ImageHolder> holders, Duration expiry) {
        return metrics.counted("fence-clients", () -> holders.stream().map(ImageHolder::address).distinct()
                .map(a -> blocklist.add(a, expiry)).toList());
    }

    /** The host was repaired: removes every blocklist entry on its IP; returns what was removed. */
    public List<String> unfenceHost(String hostIp) {
        return metrics.counted("unfence-host", () -> {
            String ip = CephAddress.ip(CephBlocklist.wholeHost(hostIp));
            List<String> removed = blocklist.list().stream().map(CephBlocklist.Entry::address)
                    .filter(a -> CephAddress.ip(a).equals(ip)).toList();
            removed.forEach(blocklist::remove);
            return removed;
        });
    }
}
