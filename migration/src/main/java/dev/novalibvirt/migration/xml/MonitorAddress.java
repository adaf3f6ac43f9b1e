package dev.novalibvirt.migration.xml;

import java.util.Objects;

/**
 * One Ceph monitor as a disk {@code <host name= port=>} (Nova's {@code get_mon_addrs} pairs; host without
 * brackets, port as a string like Nova).
 */
public record MonitorAddress(String host, String port) {
    public MonitorAddress {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
    }
}
