package dev.novalibvirt.core.topology;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskSource;
import dev.novalibvirt.core.xml.domain.Domain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The guest's local disks as Nova's {@code _get_instance_disk_info_from_config} filters them: {@code file} and
 * {@code block} disks with a path that are not volumes. RBD {@code network} disks never count, and neither does a
 * disk whose target dev is a volume's {@code mount_device}: an iSCSI or FC volume is a {@code block} disk with a
 * path, and counting it made a boot-from-volume guest look as if it had local disks.
 */
public final class InstanceDisks {
    private InstanceDisks() {
    }

    /**
     * @param domain          the guest's domain (the source's live XML)
     * @param blockDeviceInfo the instance's volumes, or null for none
     * @return target devs (or the disk type when a disk has none) of the local disks, in XML order
     */
    public static List<String> localDisks(Domain domain, BlockDeviceInfo blockDeviceInfo) {
        Set<String> volumes = blockDeviceInfo == null ? Set.of() : blockDeviceInfo.volumeTargetDevs();
        List<String> out = new ArrayList<>();
        for (Disk disk : domain.getDisks()) {
            String type = disk.getType();
            DiskSource source = disk.getSource();
            boolean hasPath = source != null && (("file".equals(type) && present(source.getFile()))
                    || ("block".equals(type) && present(source.getDev())));
            if (!hasPath || volumes.contains(disk.getTargetDev())) {
                continue;
            }
            out.add(disk.getTargetDev() == null ? type : disk.getTargetDev());
        }
        return out;
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }
}
