package dev.novalibvirt.core.image;

import dev.novalibvirt.core.ceph.DiskCacheMode;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.validation.SafeText;
import dev.novalibvirt.core.exception.InvalidInput;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nova's {@code [libvirt]disk_cachemodes}: a list of {@code source_type=mode} entries such as
 * {@code network=writeback,file=none}, keyed by the disk's source type (file, block, network). Mirrors the
 * parsing in {@code LibvirtDriver.__init__} and the lookup in {@code _set_cache_mode}.
 *
 * <p>This is the one value type of the option. {@code nova.conf} is read with Nova's lenient semantics
 * ({@link #fromNovaConf}: invalid modes logged and skipped); programmatic use ({@link #parse} and the constructor)
 * is strict: an invalid mode is an {@link InvalidInput}. For RBD the {@code network} entry decides QEMU's cache mode, which in turn decides
 * whether librbd's cache is on (writeback) or off (none).
 */
public record DiskCacheModes(Map<String, String> bySourceType) {
    private static final Logger LOG = LoggerFactory.getLogger(DiskCacheModes.class);

    /** Nova's {@code VALID_DISK_CACHEMODES}; defined once, by {@link DiskCacheMode}. */
    public static final Set<String> VALID_MODES = DiskCacheMode.NOVA_NAMES;

    public DiskCacheModes {
        bySourceType = Map.copyOf(bySourceType);
        bySourceType.forEach((k, v) -> {
            if (!VALID_MODES.contains(v)) {
                throw new InvalidInput("disk_cachemodes: invalid cache mode '" + v + "' for " + k);
            }
        });
    }

    /** No overrides. */
    public static DiskCacheModes none() {
        return new DiskCacheModes(Map.of());
    }

    /**
     * Parses {@code "network=writeback,file=none"} (blank entries are ignored).
     *
     * @throws InvalidInput for an entry without '=' or an invalid mode
     */
    public static DiskCacheModes parse(String option) {
        Map<String, String> m = new LinkedHashMap<>();
        if (option != null) {
            for (String entry : option.split(",")) {
                String e = entry.trim();
                if (e.isEmpty()) {
                    continue;
                }
                int eq = e.indexOf('=');
                if (eq <= 0 || eq == e.length() - 1) {
                    throw new InvalidInput("disk_cachemodes entry '" + e + "' is not source_type=mode");
                }
                m.put(e.substring(0, eq).trim().toLowerCase(Locale.ROOT),
                        e.substring(eq + 1).trim().toLowerCase(Locale.ROOT));
            }
        }
        return new DiskCacheModes(m);
    }

    /**
     * Nova's reading of {@code [libvirt] disk_cachemodes} in {@code LibvirtDriver.__init__}: each entry is
     * {@code type=mode}; an invalid mode is logged and skipped, as Nova does, so a typo does not stop the service.
     *
     * @throws InvalidConfiguration for an entry without '=' (Nova fails to start on it too)
     */
    public static DiskCacheModes fromNovaConf(Iterable<String> entries) {
        if (entries == null) {
            throw new InvalidConfiguration("[libvirt] disk_cachemodes entries are required (got null)");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry == null ? -1 : entry.indexOf('=');
            if (eq <= 0) {
                throw new InvalidConfiguration("[libvirt] disk_cachemodes entry " + SafeText.quote(entry)
                        + " is not type=mode");
            }
            String type = entry.substring(0, eq).strip();
            String mode = entry.substring(eq + 1).strip();
            if (!type.matches("[a-z]{1,16}")) {
                throw new InvalidConfiguration("[libvirt] disk_cachemodes entry " + SafeText.quote(entry)
                        + " does not start with a disk source type (file, block, network, ...)");
            }
            if (!VALID_MODES.contains(mode)) {
                LOG.warn("Invalid cachemode {} specified for disk type {}; ignored", SafeText.quote(mode),
                        SafeText.quote(type));
                continue;
            }
            m.put(type, mode);
        }
        return new DiskCacheModes(m);
    }

    /** The configured mode for a source type ({@code file}, {@code block}, {@code network}), if any. */
    public Optional<String> forSourceType(String sourceType) {
        return Optional.ofNullable(bySourceType.get(sourceType));
    }

    /** The configured mode for a source type, else {@code fallback} (Nova's {@code disk_cachemode}). */
    public String forSourceType(String sourceType, String fallback) {
        return bySourceType.getOrDefault(sourceType, fallback);
    }
}
