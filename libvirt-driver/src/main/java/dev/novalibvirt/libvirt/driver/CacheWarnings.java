package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.ceph.CacheWarning;
import dev.novalibvirt.core.ceph.HostCacheFactsSource;
import dev.novalibvirt.core.ceph.RbdCacheFacts;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.Domain;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not in Nova: librbd caching compared across the two hosts of a migration. The destination describes its facts
 * in {@code dst_rbd_cache_facts}; the source predicts each RBD disk's effective cache on both and warns where they
 * differ. Both halves degrade to "not compared": a cache warning never refuses a migration.
 */
final class CacheWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(CacheWarnings.class);

    private final DriverContext ctx;
    private final HostCacheFactsSource facts;

    CacheWarnings(DriverContext ctx, HostCacheFactsSource facts) {
        this.ctx = ctx;
        this.facts = facts;
    }

    /** This host's {@code dst_rbd_cache_facts}; {@code null} (no cache check) when they cannot be read. */
    RbdCacheFacts describeDestination() {
        try {
            return RbdCacheCheck.describe(facts, ctx.libvirt().diskCachemodes().forSourceType("network").orElse(null));
        } catch (NovaException e) {
            LOG.warn("librbd cache facts of {} unavailable, the source cannot compare caching: {}", ctx.hostName(),
                    e.getMessage());
            return null;
        }
    }

    /** The RBD disks of {@code instance} (running here) whose caching would differ on the destination. */
    List<CacheWarning> warnings(Instance instance, LibvirtLiveMigrateData destCheckData) {
        if (destCheckData.dstRbdCacheFacts() == null) {
            return List.of();
        }
        return warnings(DomainXml.parse(ctx.host().guest(instance.name()).xml(0)), destCheckData);
    }

    /** The same for the guest's live domain already read by the caller. */
    private List<CacheWarning> warnings(Domain guestDomain, LibvirtLiveMigrateData destCheckData) {
        RbdCacheFacts dst = destCheckData.dstRbdCacheFacts();
        if (dst == null) {
            return List.of();
        }
        return RbdCacheCheck.warnings(guestDomain, facts.facts(), dst);
    }

    /**
     * Logs the warnings of {@code guestDomain}, the live domain of {@code instance} that check_can_live_migrate_source
     * has read already; a failure to compare is logged too, never thrown.
     */
    void log(Instance instance, Domain guestDomain, LibvirtLiveMigrateData destCheckData) {
        try {
            for (CacheWarning w : warnings(guestDomain, destCheckData)) {
                LOG.warn("instance {}: {}", instance.uuid(), w.message());
            }
        } catch (NovaException e) {
            LOG.warn("instance {}: librbd caching on {} and the destination not compared: {}", instance.uuid(),
                    ctx.hostName(), e.getMessage());
        }
    }
}
