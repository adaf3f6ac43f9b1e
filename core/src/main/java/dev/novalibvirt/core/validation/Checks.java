package dev.novalibvirt.core.validation;

import dev.novalibvirt.core.exception.InvalidInput;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks of values from callers and peers. Each refuses with {@link InvalidInput} naming the field and what was
 * expected, quoting the value only through {@link SafeText}; each returns the value it checked.
 */
public final class Checks {
    /** A canonical lowercase uuid, as Nova names instances (and instance dirs). */
    public static final Pattern UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** A uuid in either case (libvirt secrets, Cinder volumes). */
    public static final Pattern ANY_CASE_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** A host name: letters, digits, '_', '-' and '.', not starting with '-' or '.' (no option, no shell word). */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,252}");
    /** A name safe as one path element or storage object name: no separators, no spaces, no '@'. */
    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");
    /** The longest path accepted (Linux PATH_MAX). */
    public static final int MAX_PATH = 4096;

    private Checks() {
    }

    /** {@code value} must be given. */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidInput(field + " is required (got null)");
        }
        return value;
    }

    /** {@code value} must be given and match {@code pattern}; {@code expected} says what in words. */
    public static String matches(String value, String field, Pattern pattern, String expected) {
        required(value, field);
        if (!pattern.matcher(value).matches()) {
            throw new InvalidInput(field + " " + SafeText.quote(field, value) + " is not " + expected);
        }
        return value;
    }

    /** A canonical lowercase uuid (an instance uuid, the name of its instance dir). */
    public static String uuid(String value, String field) {
        return matches(value, field, UUID, "a canonical lowercase uuid (8-4-4-4-12 hex digits)");
    }

    /** A name usable as one path element or storage object name: no '/', '@', '..', spaces or control characters. */
    public static String simpleName(String value, String field) {
        matches(value, field, SIMPLE_NAME,
                "a plain name (1-255 of [A-Za-z0-9_.-], starting alphanumeric, no '/' or '@')");
        if (value.contains("..")) {
            throw new InvalidInput(field + " " + SafeText.quote(field, value) + " must not contain '..'");
        }
        return value;
    }

    /** A port 1-65535. */
    public static int port(int value, String field) {
        if (value < 1 || value > 65535) {
            throw new InvalidInput(field + " " + value + " is not a port (1-65535)");
        }
        return value;
    }

    /** A port 1-65535 written as decimal digits (libvirt XML carries ports as strings). */
    public static String port(String value, String field) {
        matches(value, field, Pattern.compile("[0-9]{1,5}"), "a port (1-65535)");
        port(Integer.parseInt(value), field);
        return value;
    }

    /** A list of ports 1-65535, none null, at most {@code max} of them. */
    public static List<Integer> ports(List<Integer> values, String field, int max) {
        required(values, field);
        if (values.size() > max) {
            throw new InvalidInput(field + " has " + values.size() + " ports, more than " + max);
        }
        for (int i = 0; i < values.size(); i++) {
            Integer p = values.get(i);
            required(p, field + "[" + i + "]");
            port(p, field + "[" + i + "]");
        }
        return values;
    }

    /** No control characters (NUL, CR, LF, ...): nothing a file, a log line or an argv could be split at. */
    public static String noControlChars(String value, String field) {
        required(value, field);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidInput(field + " " + SafeText.quote(field, value)
                        + " contains a control character (NUL, CR, LF, ...)");
            }
        }
        return value;
    }

    /** At most {@code max} characters. */
    public static String maxLength(String value, String field, int max) {
        required(value, field);
        if (value.length() > max) {
            throw new InvalidInput(field + " is " + value.length() + " characters long, more than " + max);
        }
        return value;
    }

    /** Whether {@code value} is a host name (see {@link #host}) . */
    public static boolean isHostName(String value) {
        return value != null && HOST_NAME.matcher(value).matches();
    }

    /**
     * A host name, an IPv4 address or an IPv6 address (no brackets, no port): nothing that a shell, ssh or a URI
     * could read as more than a host (no spaces, ';', '&amp;&amp;', '$(', no leading '-').
     */
    public static String host(String value, String field) {
        required(value, field);
        if (!isHostName(value) && !isIpv6Literal(value)) {
            throw new InvalidInput(field + " " + SafeText.quote(field, value) + " is not a host name or IP address "
                    + "(letters, digits, '_', '-', '.', not starting with '-'; or an IPv6 address)");
        }
        return value;
    }

    /**
     * A host as {@link #host} with an optional port: {@code host}, {@code host:port}, {@code ipv6},
     * {@code [ipv6]} or {@code [ipv6]:port}.
     */
    public static String hostWithOptionalPort(String value, String field) {
        required(value, field);
        String host = value;
        String port = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new InvalidInput(field + " " + SafeText.quote(field, value) + " has an unclosed '['");
            }
            host = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new InvalidInput(field + " " + SafeText.quote(field, value)
                            + " is not [IPv6 address] or [IPv6 address]:port");
                }
                port = rest.substring(1);
            }
            if (!isIpv6Literal(host)) {
                throw new InvalidInput(field + " " + SafeText.quote(field, value)
                        + ": brackets are for IPv6 addresses only");
            }
        } else if (!isIpv6Literal(value)) {
            int colon = value.lastIndexOf(':');
            if (colon >= 0) {
                host = value.substring(0, colon);
                port = value.substring(colon + 1);
            }
            host(host, field);
        }
        if (port != null) {
            port(port, field + " port");
        }
        return value;
    }

    /**
     * An absolute, normalised path ({@code /var/lib/nova/instances}): no '..' or '.' elements, no empty elements
     * but a trailing '/', no control characters, at most {@link #MAX_PATH} characters.
     */
    public static String absolutePath(String value, String field) {
        noControlChars(value, field);
        maxLength(value, field, MAX_PATH);
        if (!value.startsWith("/")) {
            throw new InvalidInput(field + " " + SafeText.quote(field, value) + " is not an absolute path");
        }
        String body = value.length() > 1 && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        if (body.length() > 1) {
            for (String element : body.substring(1).split("/", -1)) {
                if (element.isEmpty() || element.equals(".") || element.equals("..")) {
                    throw new InvalidInput(field + " " + SafeText.quote(field, value)
                            + " is not a normalised absolute path (no '.', '..' or '//')");
                }
            }
        }
        return value;
    }

    /** Whether {@code value} is an IPv6 literal (no brackets, no zone), checked without any name lookup. */
    public static boolean isIpv6Literal(String value) {
        if (value == null || value.length() < 2 || value.length() > 45 || value.indexOf(':') < 0) {
            return false;
        }
        String v = value;
        int lastColon = v.lastIndexOf(':');
        String tail = v.substring(lastColon + 1);
        if (tail.indexOf('.') >= 0) {
            if (!isIpv4Literal(tail)) {
                return false;
            }
            v = v.substring(0, lastColon + 1) + "0:0";
        }
        int dbl = v.indexOf("::");
        if (dbl < 0) {
            return groups(v) == 8;
        }
        if (v.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        int left = groups(v.substring(0, dbl));
        int right = groups(v.substring(dbl + 2));
        return left >= 0 && right >= 0 && left + right < 8;
    }

    /** The number of 1-4 digit hex groups in {@code s} separated by single colons, or -1. */
    private static int groups(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        String[] parts = s.split(":", -1);
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return -1;
            }
        }
        return parts.length;
    }

    /** Whether {@code value} is a dotted-quad IPv4 address. */
    public static boolean isIpv4Literal(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
