package dev.novalibvirt.core.driver;

import dev.novalibvirt.core.validation.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Nova's {@code block_device_info}: the root device name and attached Cinder volumes
 * ({@code block_device_info_get_mapping}). The storage decisions honour it as Nova does (a volume is not a local
 * disk); {@link #fromNovaJson(String)} reads Nova's dict.
 *
 * @param rootDeviceName      e.g. {@code /dev/vda}
 * @param blockDeviceMapping  attached volumes
 */
public record BlockDeviceInfo(String rootDeviceName, List<BlockDeviceMapping> blockDeviceMapping) {
    /** @throws dev.novalibvirt.core.exception.InvalidInput for a missing list, a null entry or a bad device name */
    public BlockDeviceInfo {
        Checks.required(blockDeviceMapping, "block_device_info blockDeviceMapping");
        List<BlockDeviceMapping> copy = new ArrayList<>();
        for (int i = 0; i < blockDeviceMapping.size(); i++) {
            copy.add(Checks.required(blockDeviceMapping.get(i), "block_device_info blockDeviceMapping[" + i + "]"));
        }
        blockDeviceMapping = List.copyOf(copy);
        if (rootDeviceName != null) {
            BlockDeviceMapping.checkDevice(rootDeviceName, "block_device_info rootDeviceName");
        }
    }

    public static BlockDeviceInfo none() {
        return new BlockDeviceInfo("/dev/vda", List.of());
    }

    /** Nova's rollback passes a copy with {@code block_device_mapping=[]} (volumes were handled already). */
    public BlockDeviceInfo withoutVolumes() {
        return new BlockDeviceInfo(rootDeviceName, List.of());
    }

    /** The target devs of the volumes ({@code strip_dev(bdm['mount_device'])} of each), e.g. {@code vdb}. */
    public Set<String> volumeTargetDevs() {
        return blockDeviceMapping.stream().map(BlockDeviceMapping::targetDev).collect(Collectors.toUnmodifiableSet());
    }

    /** Nova's {@code get_root_bdm} among the volumes: the one with {@code boot_index} 0, if any. */
    public Optional<BlockDeviceMapping> rootVolume() {
        return blockDeviceMapping.stream().filter(BlockDeviceMapping::isRoot).findFirst();
    }

    /**
     * Mirrors {@code compute_utils.is_volume_backed_instance(instance, bdms)}: the root bdm decides when there is
     * one (here only volumes are listed, so a root volume means yes); without one, an instance with no
     * {@code image_ref} is taken to boot from a volume.
     */
    public boolean isVolumeBacked(Instance instance) {
        Checks.required(instance, "instance");
        return rootVolume().isPresent() || instance.isVolumeBacked();
    }

    /** The volume whose serial (volume id) is {@code serial}. */
    public Optional<BlockDeviceMapping> volumeBySerial(String serial) {
        return blockDeviceMapping.stream().filter(b -> serial != null && serial.equals(b.volumeId())).findFirst();
    }

    /**
     * Parses Nova's {@code block_device_info} dict as JSON: {@code root_device_name}, {@code block_device_mapping}
     * entries with {@code connection_info} (a dict, or a JSON string as the BDM object stores it),
     * {@code mount_device}, {@code boot_index}, {@code delete_on_termination}, {@code disk_bus},
     * {@code device_type}, {@code attachment_id}; {@code ephemerals} and {@code swap} must be empty (the RBD image
     * backend makes neither).
     *
     * @throws dev.novalibvirt.core.exception.InvalidInput naming the field, never showing its value
     * @throws dev.novalibvirt.core.exception.VolumeDriverNotFound for a volume that is not rbd
     */
    public static BlockDeviceInfo fromNovaJson(String json) {
        return BlockDeviceInfoJson.read(json);
    }
}
