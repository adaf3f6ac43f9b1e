package dev.novalibvirt.migration.xml;

import dev.novalibvirt.core.validation.Checks;

/**
 * One Ceph monitor as a disk {@code <host name= port=>} (Nova's {@code get_mon_addrs} pairs; host without
 * brackets, port as a string like Nova). The host must be a host name or IP address and the port 1-65535: both come
 * from the monmap and end up in the domain XML.
 */
public record MonitorAddress(String host, String port) {
    /** @throws dev.novalibvirt.core.exception.InvalidInput naming the monitor host or port */
    public MonitorAddress {
        Checks.required(host, "monitor host");
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        Checks.host(host, "monitor host");
        Checks.port(port, "monitor " + host + " port");
    }
}
