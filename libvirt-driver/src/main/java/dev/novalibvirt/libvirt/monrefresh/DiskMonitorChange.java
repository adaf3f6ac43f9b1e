package dev.novalibvirt.libvirt.monrefresh;

import dev.novalibvirt.migration.xml.MonitorAddress;
import java.util.List;

/** One RBD disk whose {@code <host>} list differs from the live monmap. */
public record DiskMonitorChange(String target, String image, List<MonitorAddress> before, List<MonitorAddress> after) {
    public DiskMonitorChange {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    @Override
    public String toString() {
        return target + " (" + image + "): " + hosts(before) + " -> " + hosts(after);
    }

    static String hosts(List<MonitorAddress> l) {
        return String.join(",", l.stream().map(m -> m.host() + ":" + m.port()).toList());
    }
}
