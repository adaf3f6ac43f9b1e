package dev.novalibvirt.rpc.config;

import dev.novalibvirt.rpc.InvalidTransportURL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code [DEFAULT] transport_url} parsed as oslo.messaging's {@code TransportURL.parse} does:
 * {@code rabbit://user:pass@host:port[,user:pass@host2:port2]/virtual_host?query}. Credentials and the virtual host
 * are percent-decoded ({@code +} stays a plus, as Python's {@code unquote} leaves it); an empty virtual host means
 * RabbitMQ's default {@code /}; a host without a port gets 5672.
 *
 * <p>{@link #toString()} masks every password, and parse errors name the part that is wrong without repeating it.
 *
 * @param scheme      always {@code rabbit} (the only driver here; TLS is {@code [oslo_messaging_rabbit] ssl}, as in
 *                    oslo, so {@code amqps://} is refused with that hint)
 * @param hosts       the brokers, tried in order
 * @param virtualHost the vhost, {@code /} by default
 * @param query       query parameters as given (oslo passes them to the driver; none is used here yet)
 */
public record TransportUrl(String scheme, List<Host> hosts, String virtualHost, Map<String, String> query) {
    /** RabbitMQ's AMQP port, oslo's default when a host gives none. */
    public static final int DEFAULT_PORT = 5672;
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]{0,15}");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+]");

    /**
     * One broker; the password is kept for the connection only.
     *
     * @param hostname name or address (IPv6 in brackets)
     */
    public record Host(String hostname, int port, String username, String password) {
        public Host {
            Objects.requireNonNull(hostname, "hostname");
        }

        @Override
        public String toString() {
            String credentials = username == null ? "" : username + (password == null ? "" : ":***") + "@";
            return credentials + hostname + ":" + port;
        }
    }

    public TransportUrl {
        hosts = List.copyOf(hosts);
        query = Map.copyOf(query);
    }

    /** Parses a transport URL. @throws InvalidTransportURL naming what is wrong, never the URL's text */
    public static TransportUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidTransportURL("it is not set (expected rabbit://user:pass@host:port/vhost)");
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            throw new InvalidTransportURL("no scheme specified (expected rabbit://user:pass@host:port/vhost)");
        }
        String scheme = url.substring(0, schemeEnd);
        if (scheme.equals("amqps") || scheme.equals("rabbits")) {
            // kombu's spelling; oslo.messaging picks the driver by scheme and has TLS as an option instead
            throw new InvalidTransportURL("scheme '" + scheme + "' is not oslo.messaging's: write rabbit:// and set "
                    + "[oslo_messaging_rabbit] ssl = true (with ssl_ca_file, ssl_cert_file, ssl_key_file as needed)");
        }
        if (!scheme.equals("rabbit")) {
            // A scheme may be named; text before "://" that is no scheme may hold credentials (a misplaced user:pass@)
            throw new InvalidTransportURL((SCHEME.matcher(scheme).matches() ? "scheme '" + scheme + "'"
                    : "the text before '://' (not shown)") + " is not supported (only rabbit)");
        }
        String rest = url.substring(schemeEnd + 3);
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            rest = rest.substring(0, fragment);
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String netloc = rest;
        String vhost = "/";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            netloc = rest.substring(0, slash);
            String path = rest.substring(slash + 1);
            if (!path.isEmpty()) {
                vhost = unquote(path, "virtual host");
                if (vhost.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    throw new InvalidTransportURL("the virtual host contains a control character (CR, LF, NUL, ...)");
                }
            }
        }
        List<Host> hosts = new ArrayList<>();
        for (String part : netloc.split(",")) {
            if (!part.isEmpty()) {
                hosts.add(parseHost(part, hosts.size() + 1));
            }
        }
        if (hosts.isEmpty()) {
            throw new InvalidTransportURL("no broker host given");
        }
        return new TransportUrl(scheme, hosts, vhost, parseQuery(query));
    }

    private static Host parseHost(String part, int index) {
        String username = null;
        String password = null;
        String hostPort = part;
        int at = part.lastIndexOf('@');
        if (at >= 0) {
            String credentials = part.substring(0, at);
            hostPort = part.substring(at + 1);
            int colon = credentials.indexOf(':');
            if (colon >= 0) {
                password = unquote(credentials.substring(colon + 1), "password of host " + index);
                credentials = credentials.substring(0, colon);
            }
            username = unquote(credentials, "user name of host " + index);
        }
        String hostname = hostPort;
        int port = DEFAULT_PORT;
        int portSep = hostPort.startsWith("[") ? hostPort.indexOf("]:") + 1 : hostPort.lastIndexOf(':');
        if (portSep > 0) {
            hostname = hostPort.substring(0, portSep);
            port = parsePort(hostPort.substring(portSep + 1), index);
        }
        if (!HOSTNAME.matcher(hostname).matches()) {
            throw new InvalidTransportURL("host " + index + " is not a host name or address");
        }
        return new Host(hostname, port, username, password);
    }

    private static int parsePort(String text, int index) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below without the text, which could be a mistyped password
        }
        throw new InvalidTransportURL("the port of host " + index + " is not a number from 1 to 65535");
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String key = unquote(eq < 0 ? pair : pair.substring(0, eq), "query");
                String value = eq < 0 ? "" : unquote(pair.substring(eq + 1), "query");
                out.merge(key, value, (a, b) -> a + "," + b);
            }
        }
        return out;
    }

    /** Python's {@code unquote}: percent-escapes only, a plus stays a plus. */
    private static String unquote(String s, String what) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidTransportURL("the " + what + " has a malformed %-escape");
        }
    }

    /** The URL with every password masked: what may appear in logs and messages. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(scheme).append("://");
        for (int i = 0; i < hosts.size(); i++) {
            b.append(i == 0 ? "" : ",").append(hosts.get(i));
        }
        return b.append('/').append(virtualHost.equals("/") ? "" : virtualHost).toString();
    }
}
