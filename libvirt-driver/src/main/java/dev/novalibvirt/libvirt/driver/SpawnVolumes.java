package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.InvalidBDM;
import dev.novalibvirt.core.volume.VolumeConfigOptions;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import dev.novalibvirt.core.volume.VolumeConnector;
import dev.novalibvirt.core.volume.VolumeDiskConfig;
import dev.novalibvirt.core.xml.domain.Disk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The volumes a new guest starts with, as Nova's {@code spawn} takes them from {@code block_device_info}: each
 * mapping's disk built with {@link VolumeDiskConfig} and connected on this host ({@code _get_guest_storage_config}).
 * The one with {@code boot_index} 0 is the root disk of a boot-from-volume guest ({@code _is_booted_from_volume}),
 * for which no image-backend disk is created.
 *
 * @param root   the root volume's disk, when the guest boots from a volume
 * @param others the other volumes' disks, in mapping order
 */
record SpawnVolumes(Optional<Planned> root, List<Planned> others) {

    /** One volume: its mapping, the connection (with Nova's serial), and its disk. */
    record Planned(BlockDeviceMapping bdm, VolumeConnectionInfo connection, Disk disk) {
        /** The disk's location for the start guard, e.g. {@code rbd:volumes/volume-<id>}. */
        String path() {
            return "rbd:" + connection.data().name();
        }
    }

    /**
     * Builds every disk before anything is changed on the host.
     *
     * @throws InvalidBDM an instance without image_ref and without a boot volume, a mapping without
     *                    connection_info, two mappings at one device
     */
    static SpawnVolumes plan(Instance instance, BlockDeviceInfo blockDeviceInfo, VolumeConfigOptions options) {
        BlockDeviceInfo bdi = blockDeviceInfo == null ? BlockDeviceInfo.none() : blockDeviceInfo;
        if (bdi.rootVolume().isEmpty() && instance.isVolumeBacked()) {
            throw new InvalidBDM("instance " + instance.uuid() + " has no image_ref and no block device mapping with "
                    + "boot_index 0 to boot from");
        }
        Set<String> devs = new HashSet<>();
        Planned root = null;
        List<Planned> others = new ArrayList<>();
        for (BlockDeviceMapping bdm : bdi.blockDeviceMapping()) {
            if (!devs.add(bdm.targetDev())) {
                throw new InvalidBDM("two block device mappings of instance " + instance.uuid() + " at "
                        + bdm.targetDev());
            }
            if (bdm.connectionInfo() == null) {
                throw new InvalidBDM("the volume at " + bdm.targetDev() + " of instance " + instance.uuid()
                        + " has no connection_info; it cannot be connected");
            }
            String volumeId = bdm.volumeId();
            VolumeConnectionInfo connection = bdm.connectionInfo().serial() == null && volumeId != null
                    ? bdm.connectionInfo().withSerial(volumeId) : bdm.connectionInfo();
            Planned p = new Planned(bdm, connection, VolumeDiskConfig.build(connection, bdm.diskInfo(), options));
            if (bdm.isRoot() && root == null) {
                root = p;
            } else {
                others.add(p);
            }
        }
        return new SpawnVolumes(Optional.ofNullable(root), List.copyOf(others));
    }

    /** Whether the guest boots from a volume (Nova's {@code _is_booted_from_volume}). */
    boolean bootsFromVolume() {
        return root.isPresent();
    }

    /** Every volume, the root first. */
    List<Planned> all() {
        List<Planned> out = new ArrayList<>();
        root.ifPresent(out::add);
        out.addAll(others);
        return out;
    }

    /**
     * Connects each volume on this host; when one cannot be, those connected before it are disconnected again and
     * the error is thrown.
     */
    void connectAll(VolumeConnector volumes, String instanceUuid) {
        List<Planned> connected = new ArrayList<>();
        try {
            for (Planned p : all()) {
                volumes.connectVolume(p.connection(), instanceUuid);
                connected.add(p);
            }
        } catch (RuntimeException e) {
            connected.forEach(p -> VolumeConnectors.disconnectQuietly(volumes, p.connection(), instanceUuid));
            throw e;
        }
    }

    /** Disconnects each volume, one failing not keeping the others connected. */
    void disconnectAll(VolumeConnector volumes, String instanceUuid) {
        all().forEach(p -> VolumeConnectors.disconnectQuietly(volumes, p.connection(), instanceUuid));
    }
}
