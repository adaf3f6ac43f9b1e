package dev.novalibvirt.libvirt.driver;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a host bridge exists on the host the driver manages. The default looks at {@code /sys/class/net}, which
 * is right when the driver runs on the compute host itself, as Nova's does; embedders managing remote hosts inject
 * their own.
 */
@FunctionalInterface
public interface BridgeProbe {
    boolean bridgeExists(String bridge);

    /** Local sysfs: {@code /sys/class/net/<bridge>/bridge} exists. */
    static BridgeProbe sysfs() {
        return bridge -> Files.isDirectory(Path.of("/sys/class/net", bridge, "bridge"));
    }
}
