package dev.novalibvirt.core.ceph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Predicts the cache librbd really uses inside QEMU for an RBD disk.
 *
 * <p>Nova never sets {@code rbd_cache} itself ({@code LibvirtDriver._set_cache_mode} only picks the libvirt
 * {@code cache} attribute); what librbd does follows from this chain, which this class encodes:
 * <ul>
 * <li>QEMU's {@code block/rbd.c} sets {@code rbd_cache} from the cache mode: false when the image is opened
 *     with {@code cache.direct=on} (none, directsync), true otherwise. Since QEMU 2.4 it does so after reading
 *     ceph.conf, so the cache mode wins; from 1.2 to 2.3 an explicit ceph.conf {@code rbd cache} won; before
 *     1.2 QEMU did not pass its cache mode at all.</li>
 * <li>QEMU never sets {@code rbd_cache_writethrough_until_flush}: it comes from ceph.conf or librbd's default
 *     (true since Ceph 0.87 "Giant", as is {@code rbd_cache}'s own default; both false before).</li>
 * <li>cache=writethrough keeps librbd's cache on; QEMU emulates writethrough by flushing after every write.
 *     cache=unsafe never passes flushes down, so with writethrough-until-flush librbd stays writethrough.</li>
 * </ul>
 * Not modelled: per-pool/per-image overrides ({@code rbd config pool set}, image-meta {@code conf_rbd_cache}),
 * which librbd applies to the image context but which {@code config show} on the admin socket does not show,
 * and values from the monitors' central config database (ceph.conf and QEMU's own setting take precedence).
 */
public final class RbdCachePolicy {
    static final ComponentVersion QEMU_PASSES_CACHE_MODE = ComponentVersion.of(1, 2);
    static final ComponentVersion QEMU_CACHE_MODE_WINS = ComponentVersion.of(2, 4);
    static final ComponentVersion CEPH_HAS_RBD_CACHE = ComponentVersion.of(0, 46);
    static final ComponentVersion CEPH_CACHE_ON_BY_DEFAULT = ComponentVersion.of(0, 87);

    public static final String RBD_CACHE = "rbd_cache";
    public static final String WRITETHROUGH_UNTIL_FLUSH = "rbd_cache_writethrough_until_flush";

    private RbdCachePolicy() {
    }

    /** Effective librbd cache for one RBD disk with cache mode {@code mode} on the host described by {@code facts}. */
    public static RbdCachePrediction predict(DiskCacheMode mode, HostCacheFacts facts) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(facts, "facts");
        Optional<CephConf.Setting> confCache = facts.cephConf().lookup(facts.clientEntity(), RBD_CACHE);
        Optional<CephConf.Setting> confUntilFlush = facts.cephConf().lookup(facts.clientEntity(), WRITETHROUGH_UNTIL_FLUSH);
        // a value librados could not parse is bad input even where QEMU overrides it
        confCache.ifPresent(CephConf.Setting::asBoolean);
        boolean defaults = facts.ceph().compareTo(CEPH_CACHE_ON_BY_DEFAULT) >= 0;
        String modeName = "cache=" + mode.name().toLowerCase(Locale.ROOT);
        String qemu = "QEMU " + facts.qemu();

        boolean cache;
        String cacheReason;
        if (facts.ceph().compareTo(CEPH_HAS_RBD_CACHE) < 0) {
            cache = false;
            cacheReason = "librbd " + facts.ceph() + " has no cache";
        } else if (facts.qemu().compareTo(QEMU_PASSES_CACHE_MODE) < 0) {
            cache = confCache.map(CephConf.Setting::asBoolean).orElse(defaults);
            cacheReason = qemu + " < 1.2 ignores " + modeName + ", rbd_cache from "
                    + confCache.map(RbdCachePolicy::source).orElse("librbd " + facts.ceph() + " default");
        } else if (facts.qemu().compareTo(QEMU_CACHE_MODE_WINS) < 0 && confCache.isPresent()) {
            cache = confCache.get().asBoolean();
            cacheReason = source(confCache.get()) + " overrides " + modeName + " (" + qemu + " < 2.4 applies ceph.conf last)";
        } else {
            cache = !mode.direct();
            cacheReason = modeName + (mode.direct() ? " (direct)" : "") + " sets rbd_cache=" + cache
                    + confCache.map(s -> ", overriding " + source(s) + " (" + qemu + " >= 2.4)").orElse("");
        }
        boolean untilFlush = confUntilFlush.map(CephConf.Setting::asBoolean).orElse(defaults);
        String untilFlushReason = WRITETHROUGH_UNTIL_FLUSH + "=" + untilFlush + " from "
                + confUntilFlush.map(RbdCachePolicy::source).orElse("librbd " + facts.ceph() + " default");
        String behaviour = cache ? behaviour(mode, untilFlush) : "";
        return new RbdCachePrediction(cache, untilFlush, cacheReason + "; " + untilFlushReason + behaviour);
    }

    private static String behaviour(DiskCacheMode mode, boolean untilFlush) {
        if (!mode.flushesReachStorage() && untilFlush) {
            return "; guest flushes never reach librbd, so it stays writethrough";
        }
        if (mode == DiskCacheMode.WRITETHROUGH) {
            return "; QEMU flushes after every write";
        }
        return "";
    }

    private static String source(CephConf.Setting s) {
        return "ceph.conf [" + s.section() + "] " + s.option() + " = " + s.value();
    }

    /**
     * Pre-migration check: a warning when the guest's librbd caching on {@code destination} would differ from
     * what it has on {@code source}; empty when both are the same.
     */
    public static Optional<CacheWarning> compare(String disk, DiskCacheMode mode, HostCacheFacts source,
            HostCacheFacts destination) {
        return compare(disk, mode, source, mode, destination);
    }

    /** As {@link #compare(String, DiskCacheMode, HostCacheFacts, HostCacheFacts)}, when the destination
     * rewrites the disk's cache mode (Nova re-applies its {@code disk_cachemodes} to the destination XML). */
    public static Optional<CacheWarning> compare(String disk, DiskCacheMode sourceMode, HostCacheFacts source,
            DiskCacheMode destinationMode, HostCacheFacts destination) {
        RbdCachePrediction src = predict(sourceMode, source);
        RbdCachePrediction dst = predict(destinationMode, destination);
        return src.sameSettings(dst) ? Optional.empty()
                : Optional.of(new CacheWarning(disk, source.host(), src, destination.host(), dst));
    }

    /** {@link #compare} for every RBD disk of a guest, keyed by target device (vda, vdb...). */
    public static List<CacheWarning> checkMigration(Map<String, DiskCacheMode> rbdDisks, HostCacheFacts source,
            HostCacheFacts destination) {
        List<CacheWarning> warnings = new ArrayList<>();
        rbdDisks.forEach((disk, mode) -> compare(disk, mode, source, destination).ifPresent(warnings::add));
        return List.copyOf(warnings);
    }
}
