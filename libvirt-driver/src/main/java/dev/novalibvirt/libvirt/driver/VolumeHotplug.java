package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.DeviceNotFound;
import dev.novalibvirt.core.exception.DevicePathInUse;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.VolumeAttachFailed;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.volume.VolumeConfigOptions;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import dev.novalibvirt.core.volume.VolumeConnector;
import dev.novalibvirt.core.volume.VolumeDiskConfig;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.libvirt.host.Guest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaching a Cinder RBD volume to a guest and detaching it: Nova's {@code LibvirtDriver.attach_volume} and
 * {@code detach_volume}. The volume is connected on this host ({@link VolumeConnector}), its disk built with
 * {@link VolumeDiskConfig} ({@code _get_volume_config}) and attached to the definition, and to the running domain
 * when the guest runs or is paused. Detaching finds the disk by its alias {@code ua-<volume id>}, else its target
 * dev ({@code _get_guest_disk_device}), removes it with {@link DeviceDetacher}, then disconnects. No step deletes
 * the volume.
 */
final class VolumeHotplug {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeHotplug.class);

    private final DriverContext ctx;
    private final VolumeConnector volumes;
    private final DeviceDetacher detacher;

    VolumeHotplug(DriverContext ctx, VolumeConnector volumes, DeviceDetacher detacher) {
        this.ctx = ctx;
        this.volumes = volumes;
        this.detacher = detacher;
    }

    /**
     * Mirrors {@code attach_volume(context, connection_info, instance, mountpoint, disk_bus, device_type)}.
     * Refusals (bad input, no guest, the device or the volume already in the guest, the volume not reachable from
     * here) change nothing; a failed attach disconnects the volume again, as Nova does.
     *
     * @throws InstanceNotFound   no domain for the instance here
     * @throws InvalidInput       a malformed mountpoint, bus or device type, or a connection without a volume id
     * @throws DevicePathInUse    the guest already has a disk at that target dev
     * @throws VolumeAttachFailed the volume is in the guest already, cannot be connected here, or libvirt refused
     */
    void attach(VolumeConnectionInfo connectionInfo, Instance instance, String mountpoint, String diskBus,
                String deviceType) {
        Checks.required(connectionInfo, "connection_info");
        String volumeId = connectionInfo.volumeId();
        if (volumeId == null) {
            throw new InvalidInput("connection_info needs a serial or data.volume_id to attach it (the disk's "
                    + "<serial> and alias)");
        }
        // Nova's DriverVolumeBlockDevice.attach adds the serial before the driver sees the connection
        VolumeConnectionInfo connection = connectionInfo.serial() == null ? connectionInfo.withSerial(volumeId)
                : connectionInfo;
        BlockDeviceMapping bdm = new BlockDeviceMapping(Checks.required(mountpoint, "mountpoint"), volumeId,
                connection, null, false, diskBus, deviceType, null);
        Guest guest = ctx.host().guest(instance.name());
        String dev = bdm.targetDev();
        Domain definition = DomainXml.parse(guest.xml(Guest.XML_INACTIVE));
        Domain running = DomainXml.parse(guest.xml(0));
        for (Domain d : new Domain[] {definition, running}) {
            for (Disk disk : d.getDisks()) {
                if (dev.equals(disk.getTargetDev())) {
                    throw new DevicePathInUse("/dev/" + dev);
                }
                if (volumeId.equals(disk.getSerial())) {
                    throw new VolumeAttachFailed(volumeId, "it is attached to instance " + instance.uuid()
                            + " already, as " + disk.getTargetDev());
                }
            }
        }
        Disk disk = VolumeDiskConfig.build(connection, bdm.diskInfo(), VolumeConfigOptions.of(ctx.libvirt()));
        try {
            volumes.connectVolume(connection, instance.uuid());
        } catch (RuntimeException e) {
            throw new VolumeAttachFailed(volumeId, e.getMessage(), e);
        }
        PowerState state = guest.info().state();
        boolean live = state == PowerState.RUNNING || state == PowerState.PAUSED;
        try {
            guest.attachDevice(DomainXml.writeDisk(disk), true, live);
        } catch (RuntimeException e) {
            LOG.warn("attach of volume {} to {} at {} failed, disconnecting it: {}", volumeId, instance.uuid(),
                    mountpoint, e.getMessage());
            VolumeConnectors.disconnectQuietly(volumes, connection, instance.uuid());
            throw new VolumeAttachFailed(volumeId, "libvirt refused the disk: " + e.getMessage(), e);
        }
        LOG.info("volume {} attached to {} as {} (live={})", volumeId, instance.uuid(), dev, live);
    }

    /**
     * Mirrors {@code detach_volume(context, connection_info, instance, mountpoint)}: a guest that is gone, or does
     * not have the disk (a previous detach got that far), still gets the volume disconnected, as in Nova.
     *
     * @throws InvalidInput                                        a malformed mountpoint, before anything changed
     * @throws dev.novalibvirt.core.exception.DeviceDetachFailed the guest did not let go of the disk
     */
    void detach(VolumeConnectionInfo connectionInfo, Instance instance, String mountpoint) {
        Checks.required(connectionInfo, "connection_info");
        String dev = new BlockDeviceMapping(Checks.required(mountpoint, "mountpoint"), null).targetDev();
        String volumeId = connectionInfo.volumeId();
        try {
            Guest guest = ctx.host().guest(instance.name());
            detacher.detach(guest, instance.uuid(), (g, persistent) -> guestDisk(g, dev, volumeId, persistent), dev);
        } catch (InstanceNotFound e) {
            LOG.warn("detach of volume {}: instance {} disappeared; disconnecting the volume", volumeId,
                    instance.uuid());
        } catch (DeviceNotFound e) {
            LOG.info("device {} not found in instance {}; disconnecting volume {}", dev, instance.uuid(), volumeId);
        }
        volumes.disconnectVolume(connectionInfo, instance.uuid());
    }

    /**
     * Mirrors {@code _get_guest_disk_device}: by the alias Nova gives the volume's disk, else (a disk attached before
     * aliases) by its target dev.
     */
    static Optional<Disk> guestDisk(Guest guest, String dev, String volumeId, boolean fromPersistentConfig) {
        Domain domain = DomainXml.parse(guest.xml(fromPersistentConfig ? Guest.XML_INACTIVE : 0));
        if (volumeId != null) {
            String alias = "ua-" + volumeId;
            Optional<Disk> byAlias = domain.getDisks().stream().filter(d -> alias.equals(d.getAlias())).findFirst();
            if (byAlias.isPresent()) {
                return byAlias;
            }
        }
        return domain.getDisks().stream().filter(d -> dev.equals(d.getTargetDev())).findFirst();
    }
}
