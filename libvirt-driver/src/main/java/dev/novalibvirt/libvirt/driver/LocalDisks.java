package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskSource;
import java.util.ArrayList;
import java.util.List;

/** Disks backed by host files or block devices (Nova's {@code _get_instance_disk_info_from_config}). */
final class LocalDisks {
    private LocalDisks() {
    }

    /** Target devices (or the disk type when a disk has none) of file and block disks with a source. */
    static List<String> of(String domainXml) {
        List<String> out = new ArrayList<>();
        for (Disk disk : DomainXml.parse(domainXml).getDisks()) {
            String type = disk.getType();
            DiskSource source = disk.getSource();
            if (source != null && (("file".equals(type) && present(source.getFile()))
                    || ("block".equals(type) && present(source.getDev())))) {
                out.add(disk.getTargetDev() == null ? type : disk.getTargetDev());
            }
        }
        return List.copyOf(out);
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }
}
