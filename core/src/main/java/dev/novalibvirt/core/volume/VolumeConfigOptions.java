package dev.novalibvirt.core.volume;

import dev.novalibvirt.core.config.LibvirtOptions;
import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.core.validation.Checks;

/**
 * The {@code [libvirt]} options Nova's volume config reads: {@code virt_type} (qemu and kvm name the qemu driver),
 * {@code disk_cachemodes} ({@code _set_cache_mode}), and {@code rbd_user}/{@code rbd_secret_uuid}, the fallback
 * auth of {@code LibvirtNetVolumeDriver._set_auth_config_rbd}.
 *
 * @param virtType       {@code virt_type}
 * @param diskCachemodes {@code disk_cachemodes}; none when null
 * @param rbdUser        {@code rbd_user}, or null
 * @param rbdSecretUuid  {@code rbd_secret_uuid}, or null
 */
public record VolumeConfigOptions(String virtType, DiskCacheModes diskCachemodes, String rbdUser,
                                  String rbdSecretUuid) {
    public VolumeConfigOptions {
        Checks.required(virtType, "[libvirt] virt_type");
        diskCachemodes = diskCachemodes == null ? DiskCacheModes.none() : diskCachemodes;
        if (rbdSecretUuid != null) {
            Checks.matches(rbdSecretUuid, "[libvirt] rbd_secret_uuid", Checks.ANY_CASE_UUID, "a uuid");
        }
    }

    /** The options as this host's {@code [libvirt]} section has them. */
    public static VolumeConfigOptions of(LibvirtOptions libvirt) {
        return new VolumeConfigOptions(libvirt.virtType(), libvirt.diskCachemodes(), libvirt.rbdUser(),
                libvirt.rbdSecretUuid());
    }

    /** kvm, no cache-mode overrides, no fallback auth. */
    public static VolumeConfigOptions defaults() {
        return new VolumeConfigOptions("kvm", DiskCacheModes.none(), null, null);
    }
}
