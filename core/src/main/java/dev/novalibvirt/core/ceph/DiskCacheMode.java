package dev.novalibvirt.core.ceph;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code cache} attribute of a disk's {@code <driver>} element (Nova's {@code VALID_DISK_CACHEMODES}).
 * {@link #DEFAULT} is the attribute being absent, which leaves QEMU's own default (writeback semantics).
 */
public enum DiskCacheMode {
    DEFAULT(false, true),
    NONE(true, true),
    WRITETHROUGH(false, true),
    WRITEBACK(false, true),
    DIRECTSYNC(true, true),
    UNSAFE(false, false);

    private final boolean direct;
    private final boolean flushesReachStorage;

    DiskCacheMode(boolean direct, boolean flushesReachStorage) {
        this.direct = direct;
        this.flushesReachStorage = flushesReachStorage;
    }

    /** QEMU opens the image with BDRV_O_NOCACHE ({@code cache.direct=on}): the host cache is bypassed. */
    public boolean direct() {
        return direct;
    }

    /** Guest flushes are passed down to the storage ({@code cache.no-flush=off}); false only for unsafe. */
    public boolean flushesReachStorage() {
        return flushesReachStorage;
    }

    /** The libvirt attribute value, or {@code null} for {@link #DEFAULT}. */
    /**
     * Nova's {@code VALID_DISK_CACHEMODES} as configuration strings ("default", "none", ...): the one list that
     * {@code disk_cachemodes} parsing and the disk builders validate against.
     */
    public static final Set<String> NOVA_NAMES = Arrays.stream(values())
            .map(m -> m.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());

    public String libvirtValue() {
        return this == DEFAULT ? null : name().toLowerCase(Locale.ROOT);
    }

    /** Parses a libvirt {@code cache} attribute; {@code null}, blank or "default" mean {@link #DEFAULT}. */
    public static DiskCacheMode fromLibvirt(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CephConfigException("unknown disk cache mode "
                    + dev.novalibvirt.core.validation.SafeText.quote(value) + " (expected default, none, writethrough, writeback, directsync or unsafe)");
        }
    }
}
