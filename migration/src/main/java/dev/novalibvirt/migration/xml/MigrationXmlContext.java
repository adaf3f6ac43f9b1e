package dev.novalibvirt.migration.xml;

import dev.novalibvirt.core.image.DiskCacheModes;
import java.util.List;

/**
 * Everything {@link GuestXmlUpdater} needs to rewrite the source's migratable XML for the destination, gathered from
 * the migrate data and the source's options before the pure rewrite runs.
 *
 * @param graphicsListenAddrVnc   destination VNC listen address, or null to leave VNC alone
 * @param graphicsListenAddrSpice destination SPICE listen address, or null
 * @param serialListenAddr        destination serial proxy address, or null (tcp serials left alone)
 * @param serialListenPorts       destination ports for tcp serial/console devices, by target port order
 * @param rbdMonitors             current monitors for RBD disks, or null when the image type is not rbd
 * @param diskCacheModes          {@code disk_cachemodes} by disk source type (file, block, network); null = none
 * @param sourceInstanceDir       the instance dir on the source, or null
 * @param destinationInstanceDir  the instance dir on the destination, or null (no path rewrite)
 */
public record MigrationXmlContext(String graphicsListenAddrVnc, String graphicsListenAddrSpice,
                                  String serialListenAddr, List<Integer> serialListenPorts,
                                  List<MonitorAddress> rbdMonitors, DiskCacheModes diskCacheModes,
                                  String sourceInstanceDir, String destinationInstanceDir) {
    public MigrationXmlContext {
        serialListenPorts = serialListenPorts == null ? List.of() : List.copyOf(serialListenPorts);
        rbdMonitors = rbdMonitors == null ? null : List.copyOf(rbdMonitors);
        diskCacheModes = diskCacheModes == null ? DiskCacheModes.none() : diskCacheModes;
    }
}
