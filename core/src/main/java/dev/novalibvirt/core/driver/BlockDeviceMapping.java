package dev.novalibvirt.core.driver;

import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.validation.Checks;
import java.util.regex.Pattern;

/**
 * One attached volume of Nova's {@code block_device_info['block_device_mapping']}: the parts the driver's storage
 * decisions read. Nova tells a volume from a local disk by its {@code mount_device} (the guest's target dev), see
 * {@code _get_instance_disk_info_from_config}.
 *
 * @param mountDevice where the guest sees it, e.g. {@code /dev/vdb} (or {@code vdb})
 * @param serial      the volume id, written as the disk's {@code <serial>}; null when unknown
 */
public record BlockDeviceMapping(String mountDevice, String serial) {
    /** A guest device: {@code vdb}, {@code /dev/sda}, {@code xvdc} (no path beyond {@code /dev/}). */
    private static final Pattern DEVICE = Pattern.compile("(/dev/)?[a-z]{1,4}[a-z0-9]{0,12}");
    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,254}");

    /** @throws InvalidInput for a missing or malformed mount_device, or a serial that is not a plain id */
    public BlockDeviceMapping {
        if (mountDevice == null || mountDevice.isBlank()) {
            throw new InvalidInput("a block device mapping needs a mount_device");
        }
        checkDevice(mountDevice, "block device mapping mount_device");
        if (serial != null) {
            Checks.matches(serial, "block device mapping serial", SERIAL,
                    "a volume id (1-255 of [A-Za-z0-9_.:-], starting alphanumeric)");
            if (serial.contains("..")) {
                throw new InvalidInput("block device mapping serial must not contain '..'");
            }
        }
    }

    static void checkDevice(String device, String field) {
        Checks.matches(device, field, DEVICE, "a guest device name such as vdb or /dev/vdb");
    }

    /** Nova's {@code block_device.strip_dev}: the target dev without {@code /dev/}. */
    public String targetDev() {
        return mountDevice.startsWith("/dev/") ? mountDevice.substring("/dev/".length()) : mountDevice;
    }
}
