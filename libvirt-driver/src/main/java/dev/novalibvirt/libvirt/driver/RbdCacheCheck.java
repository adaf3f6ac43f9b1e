package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.ceph.CacheWarning;
import dev.novalibvirt.core.ceph.CephConf;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.ceph.DiskCacheMode;
import dev.novalibvirt.core.ceph.HostCacheFacts;
import dev.novalibvirt.core.ceph.HostCacheFactsSource;
import dev.novalibvirt.core.ceph.RbdCacheFacts;
import dev.novalibvirt.core.ceph.RbdCachePolicy;
import dev.novalibvirt.core.config.LibvirtOptions;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.Domains;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.Domain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The live-migration pre-check for librbd caching (not in Nova, which only sets the {@code cache} attribute): the
 * destination describes itself ({@link RbdCacheFacts} in {@code dst_rbd_cache_facts}), the source predicts every RBD
 * disk's effective cache on both hosts with {@link RbdCachePolicy} and warns where they differ. Warnings never
 * refuse a migration.
 */
final class RbdCacheCheck {
    /** librados' default ceph.conf, read when {@code images_rbd_ceph_conf} is empty. */
    static final Path DEFAULT_CEPH_CONF = LibvirtOptions.DEFAULT_CEPH_CONF;

    private RbdCacheCheck() {
    }

    /**
     * The driver's default facts: QEMU from libvirt's {@code virConnectGetVersion}, the ceph.conf QEMU reads
     * ({@code images_rbd_ceph_conf}, else the librados default; none is an empty one), {@code client.<rbd_user>},
     * and the Ceph version given to the driver's builder ({@code null}: unknown, see
     * {@link RbdCacheFacts#ASSUMED_CEPH}).
     */
    static HostCacheFactsSource defaultSource(String host, LongSupplier packedQemuVersion, String imagesRbdCephConf,
            String rbdUser, ComponentVersion cephVersion) {
        Path conf = imagesRbdCephConf == null || imagesRbdCephConf.isBlank() ? DEFAULT_CEPH_CONF
                : Path.of(imagesRbdCephConf);
        return new HostCacheFactsSource() {
            @Override
            public HostCacheFacts facts() {
                return new HostCacheFacts(host, ComponentVersion.fromPacked(packedQemuVersion.getAsLong()),
                        cephVersion == null ? RbdCacheFacts.ASSUMED_CEPH : cephVersion,
                        Files.exists(conf) ? CephConf.read(conf) : CephConf.empty(), rbdUser);
            }

            @Override
            public boolean cephVersionKnown() {
                return cephVersion != null;
            }
        };
    }

    /** What the destination puts in {@code dst_rbd_cache_facts}. */
    static RbdCacheFacts describe(HostCacheFactsSource source, String networkCacheMode) {
        return RbdCacheFacts.of(source.facts(), source.cephVersionKnown(), networkCacheMode);
    }

    /**
     * One warning per RBD disk of {@code domainXml} (the guest's live XML on the source) whose effective librbd
     * caching on the destination would differ from the source's. The destination's mode is its disk_cachemodes
     * network entry when it has one (it re-applies it to the incoming XML), else the disk's own.
     */
    static List<CacheWarning> warnings(String domainXml, HostCacheFacts source, RbdCacheFacts destination) {
        return warnings(DomainXml.parse(domainXml), source, destination);
    }

    /** The same for the guest's domain already parsed. */
    static List<CacheWarning> warnings(Domain domain, HostCacheFacts source, RbdCacheFacts destination) {
        HostCacheFacts dst = destination.toHostCacheFacts();
        List<CacheWarning> out = new ArrayList<>();
        for (Disk disk : Domains.rbdDisks(domain)) {
            DiskCacheMode mode = DiskCacheMode.fromLibvirt(disk.getDriver() == null ? null : disk.getDriver().getCache());
            RbdCachePolicy.compare(disk.getTargetDev(), mode, source, destination.incomingMode(mode), dst)
                    .ifPresent(out::add);
        }
        return List.copyOf(out);
    }
}
