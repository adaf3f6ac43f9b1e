package dev.novalibvirt.core.driver;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import dev.novalibvirt.core.volume.VolumeDiskInfo;
import java.util.regex.Pattern;

/**
 * One attached volume of Nova's {@code block_device_info['block_device_mapping']} (a
 * {@code DriverVolumeBlockDevice}). Nova tells a volume from a local disk by its {@code mount_device} (the guest's
 * target dev), see {@code _get_instance_disk_info_from_config}.
 *
 * <p>rpc's codec writes and reads every part itself, under Nova's {@code DriverVolumeBlockDevice} keys; the parts
 * past {@code serial} are {@link JsonIgnore}d so that no other mapper writes {@code connection_info} by accident.
 *
 * @param mountDevice         {@code mount_device}: where the guest sees it, e.g. {@code /dev/vdb} (or {@code vdb})
 * @param serial              the volume id, written as the disk's {@code <serial>}; null when unknown
 * @param connectionInfo      {@code connection_info}: how this host reaches the volume; null before it is connected
 * @param bootIndex           {@code boot_index}: 0 for the root disk of a boot-from-volume instance; null or
 *                            negative when not bootable
 * @param deleteOnTermination {@code delete_on_termination}: the compute manager deletes the volume when the
 *                            instance is deleted; no driver step (and no migration step) ever does
 * @param diskBus             {@code disk_bus}, e.g. {@code virtio}; null for the driver's default
 * @param deviceType          {@code device_type}, e.g. {@code disk}; null for {@code disk}
 * @param attachmentId        {@code attachment_id}: the Cinder v3 attachment of this host; null for none
 */
public record BlockDeviceMapping(String mountDevice, String serial,
                                 @JsonIgnore VolumeConnectionInfo connectionInfo, @JsonIgnore Integer bootIndex,
                                 @JsonIgnore boolean deleteOnTermination, @JsonIgnore String diskBus,
                                 @JsonIgnore String deviceType, @JsonIgnore String attachmentId) {
    /** A guest device: {@code vdb}, {@code /dev/sda}, {@code xvdc} (no path beyond {@code /dev/}). */
    private static final Pattern DEVICE = Pattern.compile("(/dev/)?[a-z]{1,4}[a-z0-9]{0,12}");
    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,254}");
    private static final Pattern TOKEN = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

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
        if (bootIndex != null && bootIndex < -1) {
            throw new InvalidInput("block device mapping boot_index must be -1 or more");
        }
        if (diskBus != null) {
            Checks.matches(diskBus, "block device mapping disk_bus", TOKEN, "a bus such as virtio or scsi");
        }
        if (deviceType != null) {
            Checks.matches(deviceType, "block device mapping device_type", TOKEN, "a device type such as disk");
        }
        if (attachmentId != null) {
            Checks.matches(attachmentId, "block device mapping attachment_id", Checks.ANY_CASE_UUID, "a uuid");
        }
        if (connectionInfo != null && serial != null && connectionInfo.serial() != null
                && !serial.equals(connectionInfo.serial())) {
            throw new InvalidInput("block device mapping serial and connection_info serial name different volumes");
        }
    }

    /** A volume known by its device and serial only (what the storage decisions read). */
    public BlockDeviceMapping(String mountDevice, String serial) {
        this(mountDevice, serial, null, null, false, null, null, null);
    }

    static void checkDevice(String device, String field) {
        Checks.matches(device, field, DEVICE, "a guest device name such as vdb or /dev/vdb");
    }

    /** Nova's {@code block_device.strip_dev}: the target dev without {@code /dev/}. */
    @JsonIgnore
    public String targetDev() {
        return mountDevice.startsWith("/dev/") ? mountDevice.substring("/dev/".length()) : mountDevice;
    }

    /** The volume id: the serial, else the connection's ({@code get_volume_id}); null when neither says. */
    @JsonIgnore
    public String volumeId() {
        if (serial != null) {
            return serial;
        }
        return connectionInfo == null ? null : connectionInfo.volumeId();
    }

    /** Whether this volume is the instance's root disk ({@code boot_index == 0}, Nova's {@code root_bdm}). */
    @JsonIgnore
    public boolean isRoot() {
        return bootIndex != null && bootIndex == 0;
    }

    /** The {@code disk_info} Nova derives for this volume: its target dev, bus (virtio by default) and device type. */
    @JsonIgnore
    public VolumeDiskInfo diskInfo() {
        return new VolumeDiskInfo(targetDev(), diskBus, deviceType);
    }

    /** A copy with the connection this host made (Nova refreshes {@code connection_info} per host). */
    public BlockDeviceMapping withConnectionInfo(VolumeConnectionInfo info) {
        return new BlockDeviceMapping(mountDevice, serial, info, bootIndex, deleteOnTermination, diskBus, deviceType,
                attachmentId);
    }

    /** A copy with another Cinder attachment (the destination's, during a migration). */
    public BlockDeviceMapping withAttachmentId(String id) {
        return new BlockDeviceMapping(mountDevice, serial, connectionInfo, bootIndex, deleteOnTermination, diskBus,
                deviceType, id);
    }
}
