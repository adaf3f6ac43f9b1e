package dev.novalibvirt.core.image;

import dev.novalibvirt.core.exception.InvalidInput;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the driver decides for a disk's libvirt configuration, passed to the backend's disk-config method
 * (Nova's {@code Image.libvirt_info(disk_info, cache_mode, extra_specs, boot_order)}).
 *
 * @param targetDev  guest device name, e.g. {@code vda}
 * @param targetBus  bus, e.g. {@code virtio}, {@code scsi}, {@code sata}
 * @param cacheMode  QEMU cache mode already resolved by the driver (see {@link DiskCacheModes}); one of
 *                   {@link DiskCacheModes#VALID_MODES}
 * @param discard    {@code unmap} or {@code ignore} (Nova's {@code hw_disk_discard}), or null for none
 * @param bootOrder  boot order, or null
 */
public record DiskConfigRequest(String targetDev, String targetBus, String cacheMode, String discard,
                                Integer bootOrder) {

    private static final Pattern DEV = Pattern.compile("[a-z]{2,3}[a-z]{1,3}");

    public DiskConfigRequest {
        Objects.requireNonNull(targetDev, "targetDev");
        Objects.requireNonNull(targetBus, "targetBus");
        Objects.requireNonNull(cacheMode, "cacheMode");
        if (!DEV.matcher(targetDev).matches()) {
            throw new InvalidInput("target dev '" + targetDev + "' is not a disk device name like vda");
        }
        if (!DiskCacheModes.VALID_MODES.contains(cacheMode)) {
            throw new InvalidInput("invalid cache mode '" + cacheMode + "'");
        }
        if (discard != null && !discard.equals("unmap") && !discard.equals("ignore")) {
            throw new InvalidInput("discard must be unmap or ignore, not '" + discard + "'");
        }
        if (bootOrder != null && bootOrder < 1) {
            throw new InvalidInput("boot order must be >= 1");
        }
    }

    /** A virtio disk {@code vda} with the given cache mode, no discard, no boot order. */
    public static DiskConfigRequest virtio(String targetDev, String cacheMode) {
        return new DiskConfigRequest(targetDev, "virtio", cacheMode, null, null);
    }
}
