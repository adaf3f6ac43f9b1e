package dev.novalibvirt.migration.uri;

import com.google.common.net.HostAndPort;
import com.google.common.net.InetAddresses;
import dev.novalibvirt.core.exception.InvalidHostname;
import dev.novalibvirt.core.validation.SafeText;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The host part of a migration URI: a host name, an IPv4 literal or an IPv6 literal, each optionally with a port
 * ({@code host-b}, {@code host-b:16509}, {@code 127.0.0.1:4444}, {@code ::1}, {@code [::1]:4444}).
 *
 * <p>Parsed with Guava's {@link HostAndPort} rather than by looking for a colon, so that only an IPv6 literal gets
 * brackets in the URI: Nova's {@code oslo_netutils.escape_ipv6} brackets valid IPv6 addresses only, and
 * {@code 127.0.0.1:4444} stays as it is ({@code test_live_migration_uri}, {@code test_migrate_uri_*}).
 *
 * @param host the host name or address literal, without brackets
 * @param port the port, or {@code -1} when none was given (libvirt's or QEMU's default then applies)
 */
public record MigrationAddress(String host, int port) {

    /**
     * Nova's {@code is_valid_hostname} character set, less the colon (which only IPv6 literals may contain), at most
     * 253 characters and not starting with '-' or '.' (ssh would read {@code -oProxyCommand} as an option).
     */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,252}");

    public MigrationAddress {
        if (host == null || !(isIpv6Literal(host) || HOST_NAME.matcher(host).matches())) {
            throw new InvalidHostname("Invalid migration host " + shown(host) + ": not a host name or address");
        }
        if (port != -1 && (port < 1 || port > 65535)) {
            throw new InvalidHostname("port " + port + " of migration address " + shown(host) + " is not in 1-65535");
        }
    }

    /**
     * Parses {@code text} as {@code host}, {@code host:port}, {@code ipv4}, {@code ipv4:port}, {@code ipv6},
     * {@code [ipv6]} or {@code [ipv6]:port}.
     *
     * @throws InvalidHostname naming the value (non-printables replaced) and what was wrong with it
     */
    public static MigrationAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            throw refused(text, "it is empty");
        }
        HostAndPort parsed;
        try {
            parsed = HostAndPort.fromString(text);
        } catch (IllegalArgumentException e) {
            // Guava's message repeats the text; ours shows it only through SafeText
            throw refused(text, "not host, host:port, IPv6 or [IPv6]:port with a port 1-65535");
        }
        String host = parsed.getHost();
        boolean ipv6 = host.contains(":");
        if (ipv6 && !isIpv6Literal(host)) {
            throw refused(text, "the host has colons but is not an IPv6 address (a host name takes one "
                    + ":port; write an IPv6 address with a port as [address]:port)");
        }
        if (!ipv6 && text.startsWith("[")) {
            throw refused(text, "brackets are for IPv6 addresses only");
        }
        if (!ipv6 && !HOST_NAME.matcher(host).matches()) {
            throw refused(text, "a host name is 1-253 letters, digits, '_', '-' and '.', not starting with '-' or '.'");
        }
        if (!parsed.hasPort() && text.endsWith(":") && (!ipv6 || text.startsWith("["))) {
            throw refused(text, "the port after ':' is missing");
        }
        int port = parsed.getPortOrDefault(-1);
        if (port == 0) {
            throw refused(text, "port 0 is not a port to connect to");
        }
        return new MigrationAddress(host, port);
    }

    /** Whether {@code host} is an IPv6 literal without brackets or zone (a zone would need escaping in a URI). */
    static boolean isIpv6Literal(String host) {
        return host.contains(":") && !host.contains("%") && InetAddresses.isInetAddress(host);
    }

    private static InvalidHostname refused(String text, String why) {
        return new InvalidHostname("Invalid migration address " + shown(text) + ": " + why);
    }

    private static String shown(String text) {
        return SafeText.quote(text);
    }

    /** Whether the host is an IPv6 literal (bracketed in a URI). */
    public boolean isIpv6() {
        return host.contains(":");
    }

    public OptionalInt portIfAny() {
        return port == -1 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** The URI authority: {@code host}, {@code host:port}, {@code [ipv6]} or {@code [ipv6]:port}. */
    public String authority() {
        String h = isIpv6() ? "[" + host + "]" : host;
        return port == -1 ? h : h + ":" + port;
    }

    @Override
    public String toString() {
        return authority();
    }
}
