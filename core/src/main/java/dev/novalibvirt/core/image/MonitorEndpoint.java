package dev.novalibvirt.core.image;

import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.validation.SafeText;

/**
 * One monitor of a network storage cluster as a network disk's {@code <host name= port=>} names it (for RBD a Ceph
 * monitor): the host without IPv6 brackets and the port. Reported by {@link ImageBackend#currentMonitors()}.
 */
public record MonitorEndpoint(String host, int port) {
    /** @throws InvalidInput when host is not a host name or IP address (a monmap entry like {@code $(reboot)}) */
    public MonitorEndpoint {
        Checks.required(host, "monitor endpoint host");
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new InvalidInput("monitor endpoint " + SafeText.quote(host) + " port " + port
                    + " is not a host and a port 1-65535");
        }
        Checks.host(host, "monitor endpoint host");
    }
}
