package dev.novalibvirt.core.volume;

import dev.novalibvirt.core.validation.Checks;
import java.util.regex.Pattern;

/**
 * Nova's {@code disk_info} dict for a volume ({@code LibvirtLiveMigrateBDMInfo.as_disk_info()}, or blockinfo's for
 * an attach): where the guest sees the disk.
 *
 * @param dev  {@code dev}: the target dev, e.g. {@code vdb}
 * @param bus  {@code bus}: virtio, scsi, sata, ...
 * @param type {@code type}: the device, disk (default), cdrom or lun
 */
public record VolumeDiskInfo(String dev, String bus, String type) {
    private static final Pattern DEV = Pattern.compile("[a-z]{1,4}[a-z0-9]{0,12}");
    private static final Pattern BUS = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    /** @throws dev.novalibvirt.core.exception.InvalidInput naming the part */
    public VolumeDiskInfo {
        Checks.matches(dev, "disk_info dev", DEV, "a guest device such as vdb");
        Checks.matches(bus == null ? "virtio" : bus, "disk_info bus", BUS, "a bus such as virtio or scsi");
        bus = bus == null ? "virtio" : bus;
        type = type == null ? "disk" : type;
        if (!type.equals("disk") && !type.equals("cdrom") && !type.equals("lun")) {
            throw new dev.novalibvirt.core.exception.InvalidInput("disk_info type must be disk, cdrom or lun");
        }
    }
}
