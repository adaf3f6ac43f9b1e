package dev.novalibvirt.core.driver;

import java.util.List;
import java.util.Objects;
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
    public BlockDeviceInfo {
        blockDeviceMapping = List.copyOf(Objects.requireNonNull(blockDeviceMapping, "blockDeviceMapping"));
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
