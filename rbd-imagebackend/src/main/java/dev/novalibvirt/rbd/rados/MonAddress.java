package dev.novalibvirt.rbd.rados;

import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.validation.SafeText;

/**
 * One monitor address as it goes into a libvirt {@code <host name=... port=.../>}: the host without IPv6
 * brackets, the port, and the protocol it speaks.
 */
public record MonAddress(String host, int port, MonProtocol protocol) {

    public MonAddress {
        // a monmap is the cluster's answer, but its hosts end up in domain XML and QEMU's argv: no shell words
        Checks.host(host, "monitor host");
        Checks.port(port, "monitor port");
        Checks.required(protocol, "monitor protocol");
    }

    /** Whether the host is an IPv6 literal. */
    public boolean isIpv6() {
        return host.indexOf(':') >= 0;
    }

    /** {@code host:port}, with brackets around IPv6 hosts (for ceph.conf/URIs, not for libvirt XML). */
    public String hostPort() {
        return (isIpv6() ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Parses Ceph's entity address text: {@code 10.0.0.1:6789/0}, {@code [::1]:3300/0},
     * {@code v2:10.0.0.1:3300/0} (a leading type is dropped; {@code /nonce} is cut at the last {@code /}).
     *
     * @throws InvalidInput for text without a port, a port out of range or a host no shell word may be
     */
    public static MonAddress parse(String text, MonProtocol protocol) {
        String s = Checks.required(text, "monitor address").trim();
        if (s.startsWith("v1:") || s.startsWith("v2:")) {
            s = s.substring(3);
        }
        int slash = s.lastIndexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new InvalidInput("monitor address " + SafeText.quote(text) + " has no port (host:port expected)");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidInput("monitor address " + SafeText.quote(text) + " has a port that is no number");
        }
        return new MonAddress(host, port, protocol);
    }
}
