package dev.novalibvirt.core.volume;

import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.xml.NetworkDiskBuilder;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.IoTune;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cinder RBD volume's {@code <disk>}, as Nova's {@code LibvirtDriver._get_volume_config} builds it:
 * {@code LibvirtBaseVolumeDriver.get_config} + {@code LibvirtNetVolumeDriver._get_net_config} /
 * {@code _set_auth_config_rbd}, then {@code _set_cache_mode}. Pure: the same inputs give the same disk.
 *
 * <ul>
 *   <li>{@code type='network'}, {@code device} from the disk info; {@code <driver type='raw' cache>} with
 *       {@code name='qemu'} for qemu/kvm; cache {@code none}, then {@code disk_cachemodes}' {@code network} entry,
 *       and always {@code none} for a shareable (multi-attach) volume;</li>
 *   <li>{@code <source protocol='rbd' name='pool/volume'>} with one {@code <host>} per monitor Cinder sent;</li>
 *   <li>{@code <auth>} with the volume's own secret when Cinder enabled auth ({@code secret_uuid}, or for
 *       connections older than Ocata, {@code rbd_user}/{@code rbd_secret_uuid} from {@code [libvirt]}); when
 *       Cinder did not, {@code [libvirt] rbd_secret_uuid} still turns it on, as in Nova;</li>
 *   <li>{@code <target dev bus>}, {@code <serial>} = the volume id, {@code <alias name='ua-<volume id>'>},
 *       {@code <iotune>} from {@code qos_specs}, {@code <readonly/>} for {@code access_mode: ro},
 *       {@code discard='unmap'} when Cinder says the backend discards, {@code <shareable/>} for multi-attach.</li>
 * </ul>
 * Not built (Nova's other volume drivers or features this library does not connect): LUKS {@code <encryption>},
 * the virtio-scsi unit address, block-size tuning.
 */
public final class VolumeDiskConfig {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeDiskConfig.class);

    private VolumeDiskConfig() {
    }

    /** Mirrors {@code _get_volume_config(connection_info, disk_info)} for an rbd volume. */
    public static Disk build(VolumeConnectionInfo connection, VolumeDiskInfo diskInfo, VolumeConfigOptions options) {
        Checks.required(connection, "connection_info");
        Checks.required(diskInfo, "disk_info");
        Checks.required(options, "volume config options");
        RbdConnectionData data = connection.data();
        NetworkDiskBuilder b = NetworkDiskBuilder.rbd(data.pool(), data.image())
                .device(diskInfo.type())
                .format("raw")
                .cache(cacheMode(connection, options))
                .target(diskInfo.dev(), diskInfo.bus())
                .hosts(data.hosts(), data.ports())
                .serial(connection.serial())
                .readOnly("ro".equals(data.accessMode()))
                .shareable(connection.multiattach());
        if ("qemu".equals(options.virtType()) || "kvm".equals(options.virtType())) {
            b.driverName("qemu");
        }
        if (data.discard()) {
            b.discard("unmap");
        }
        auth(b, data, options);
        Disk disk = b.build();
        if (connection.volumeId() != null) {
            disk.setAlias("ua-" + connection.volumeId());
        }
        if (!data.qosSpecs().isEmpty()) {
            IoTune tune = new IoTune();
            for (String key : RbdConnectionData.QOS_KEYS) {
                Long v = data.qosSpecs().get(key);
                if (v != null) {
                    tune.set(key, v);
                }
            }
            disk.setIoTune(tune);
        }
        return disk;
    }

    /**
     * The libvirt secret the volume's {@code <auth>} names, by the same rules as {@link #build} (Cinder's
     * {@code secret_uuid}, else {@code [libvirt] rbd_secret_uuid}); empty without auth.
     */
    public static java.util.Optional<String> secretUuid(RbdConnectionData data, VolumeConfigOptions options) {
        Checks.required(data, "connection_info data");
        Checks.required(options, "volume config options");
        if (data.authEnabled() && data.secretUuid() != null) {
            return java.util.Optional.of(data.secretUuid());
        }
        return java.util.Optional.ofNullable(options.rbdSecretUuid());
    }

    /** {@code _set_cache_mode}: shareable disks get none; else the {@code network} entry, else the driver's none. */
    private static String cacheMode(VolumeConnectionInfo connection, VolumeConfigOptions options) {
        if (connection.multiattach()) {
            return "none";
        }
        return options.diskCachemodes().forSourceType("network", "none");
    }

    /** {@code _set_auth_config_rbd}: Cinder's values first, {@code [libvirt]}'s as the fallback Nova keeps. */
    private static void auth(NetworkDiskBuilder b, RbdConnectionData data, VolumeConfigOptions options) {
        if (data.authEnabled()) {
            if (data.secretUuid() != null) {
                b.username(data.authUsername()).secretUuid(data.secretUuid());
            } else {
                LOG.debug("Falling back to [libvirt] rbd_user and rbd_secret_uuid for the RBD volume {}",
                        data.name());
                b.username(options.rbdUser()).secretUuid(options.rbdSecretUuid());
            }
            b.secretType(data.secretType());
        } else if (options.rbdSecretUuid() != null) {
            LOG.warn("Falling back to [libvirt] rbd_user and rbd_secret_uuid for the RBD volume {}: Cinder should be "
                    + "configured for auth with Ceph volumes", data.name());
            b.username(options.rbdUser()).secretUuid(options.rbdSecretUuid()).secretType("ceph");
        }
    }
}
