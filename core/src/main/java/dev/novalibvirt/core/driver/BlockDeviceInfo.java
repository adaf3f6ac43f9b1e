package dev.novalibvirt.core.driver;

import java.util.List;
import java.util.Objects;

/**
 * Nova's {@code block_device_info}: the root device name and attached Cinder volumes. This library attaches no
 * Cinder volumes yet, so the mapping is carried for contract fidelity and is empty in practice.
 *
 * @param rootDeviceName      e.g. {@code /dev/vda}
 * @param blockDeviceMapping  attached volumes (serial of each)
 */
public record BlockDeviceInfo(String rootDeviceName, List<String> blockDeviceMapping) {
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
}
