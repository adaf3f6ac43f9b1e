package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.ceph.DiskCacheMode;
import dev.novalibvirt.core.ceph.HostCacheFacts;
import dev.novalibvirt.core.ceph.RbdCacheFacts;
import dev.novalibvirt.core.ceph.RbdCachePolicy;
import dev.novalibvirt.core.ceph.RbdCachePrediction;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.Domains;
import dev.novalibvirt.core.xml.domain.Disk;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Field lesson "the cache mode decides librbd's cache": the guest's RBD disk carries the configured
 * {@code disk_cachemodes} ({@code network=<mode>}, Nova's {@code _set_cache_mode}), and with the host's QEMU, the
 * Ceph release and the site's ceph.conf, {@link RbdCachePolicy} finds librbd's {@code rbd_cache} set by that mode
 * (on unless the mode opens the image direct), not overridden by ceph.conf.
 */
final class CacheModeCheck implements Check {
    @Override
    public String id() {
        return "cache_mode_librbd_cache";
    }

    @Override
    public CheckResult.Kind kind() {
        return CheckResult.Kind.FIELD;
    }

    @Override
    public String proves() {
        return "field lesson: disk_cachemodes decides librbd's cache (RbdCachePolicy), ceph.conf does not override it";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        if (context.guestOn().isEmpty()) {
            return List.of(skip("no running guest (spawn failed)"));
        }
        SiteHost host = context.guestOn().get();
        Optional<CheckResult> skipped = LibvirtOnly.skipUnlessUri(this, host, "domain XML");
        if (skipped.isPresent()) {
            return List.of(skipped.get());
        }
        SiteConfig c = context.config();
        List<Disk> disks = Domains.rbdDisks(DomainXml.parse(context.site().domainXml(host, context.guest(), false)));
        if (disks.isEmpty()) {
            return List.of(verdict(false, "the live XML on " + host.name() + " has no RBD disk"));
        }
        Disk disk = disks.get(0);
        String attr = disk.getDriver() == null ? null : disk.getDriver().getCache();
        DiskCacheMode mode = DiskCacheMode.fromLibvirt(attr);
        String want = c.cacheMode().name().toLowerCase(Locale.ROOT);
        if (mode != c.cacheMode()) {
            return List.of(verdict(false, disk.getTargetDev() + " has cache=" + (attr == null ? "(none)" : attr)
                    + ", expected " + want + " (disk_cachemodes = network=" + want + ")"));
        }
        ComponentVersion qemu = context.versions(host).map(ConformanceSite.HostVersions::qemu)
                .orElseGet(() -> context.site().versions(host).qemu());
        Optional<ComponentVersion> ceph = context.site().cephClientVersion()
                .or(() -> context.cephCluster().flatMap(CacheModeCheck::parse));
        RbdCachePrediction p = RbdCachePolicy.predict(mode, new HostCacheFacts(host.name(), qemu,
                ceph.orElse(RbdCacheFacts.ASSUMED_CEPH), context.site().cephConf(), "client." + c.user()));
        boolean decidedByMode = p.rbdCache() == !mode.direct();
        return List.of(verdict(decidedByMode, disk.getTargetDev() + " cache=" + want + " -> " + p.settings()
                + " (" + p.reason() + (ceph.isEmpty() ? "; Ceph release assumed " + RbdCacheFacts.ASSUMED_CEPH : "")
                + ")"));
    }

    private static Optional<ComponentVersion> parse(String version) {
        try {
            return Optional.of(ComponentVersion.parse(version));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
