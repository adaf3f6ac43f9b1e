package dev.novalibvirt.core.driver;

import dev.novalibvirt.core.exception.InvalidInput;

/**
 * One attached volume of Nova's {@code block_device_info['block_device_mapping']}: the parts the driver's storage
 * decisions read. Nova tells a volume from a local disk by its {@code mount_device} (the guest's target dev), see
 * {@code _get_instance_disk_info_from_config}.
 *
 * @param mountDevice where the guest sees it, e.g. {@code /dev/vdb} (or {@code vdb})
 * @param serial      the volume id, written as the disk's {@code <serial>}; null when unknown
 */
public record BlockDeviceMapping(String mountDevice, String serial) {
    public BlockDeviceMapping {
        if (mountDevice == null || mountDevice.isBlank()) {
            throw new InvalidInput("a block device mapping needs a mount_device");
        }
    }

    /** Nova's {@code block_device.strip_dev}: the target dev without {@code /dev/}. */
    public String targetDev() {
        return mountDevice.startsWith("/dev/") ? mountDevice.substring("/dev/".length()) : mountDevice;
    }
}
