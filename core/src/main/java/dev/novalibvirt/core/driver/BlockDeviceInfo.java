package dev.novalibvirt.core.driver;

import dev.novalibvirt.core.validation.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Nova's {@code block_device_info}: the root device name and attached Cinder volumes. This library attaches no
 * Cinder volumes yet, so the mapping is empty in practice; the storage decisions already honour it as Nova does
 * (a volume is not a local disk).
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
}
