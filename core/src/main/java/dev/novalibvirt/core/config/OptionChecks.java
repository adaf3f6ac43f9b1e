package dev.novalibvirt.core.config;

import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.validation.Checks;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Checks of option values shared by the option records: each names {@code [section] option}, says what was expected
 * and refuses with {@link InvalidConfiguration}; values are shown only through {@code SafeText}.
 */
final class OptionChecks {
    /** The transports libvirt offers for {@code qemu+<transport>://}. */
    static final Set<String> SCHEMES = Set.of("tcp", "tls", "ssh", "libssh", "libssh2", "unix", "ext");
    /** A Ceph pool or user name. */
    private static final Pattern CEPH_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    /** A libvirt URI: no whitespace, quotes or shell metacharacters. */
    private static final Pattern URI = Pattern.compile("[A-Za-z0-9+.:/%?=&_,\\[\\]@~-]{1,1024}");
    private static final Pattern PORT_RANGE = Pattern.compile("([0-9]{1,5}):([0-9]{1,5})");

    private OptionChecks() {
    }

    private static void typed(Consumer<String> check, String section, String key, String value) {
        try {
            check.accept(value);
        } catch (InvalidInput e) {
            throw new InvalidConfiguration(e.getMessage().replaceFirst("^Invalid input received: ", ""), e);
        }
    }

    private static String name(String section, String key) {
        return "[" + section + "] " + key;
    }

    static void host(String section, String key, String value) {
        if (value != null) {
            typed(v -> Checks.host(v, name(section, key)), section, key, value);
        }
    }

    static void hostWithOptionalPort(String section, String key, String value) {
        if (value != null) {
            typed(v -> Checks.hostWithOptionalPort(v, name(section, key)), section, key, value);
        }
    }

    static void absolutePath(String section, String key, String value) {
        if (value != null) {
            typed(v -> Checks.absolutePath(v, name(section, key)), section, key, value);
        }
    }

    static void cephName(String section, String key, String value) {
        if (value != null && (!CEPH_NAME.matcher(value).matches() || value.contains(".."))) {
            throw OptionReader.invalid(section, key, value,
                    "is not a Ceph name (1-128 of [A-Za-z0-9_.-], starting alphanumeric, no '..', '/' or '@')");
        }
    }

    static void uri(String section, String key, String value) {
        if (value != null && !value.isEmpty() && !URI.matcher(value).matches()) {
            throw OptionReader.invalid(section, key, value,
                    "is not a libvirt URI (no spaces, quotes, ';', '$', '|', '`' or control characters)");
        }
    }

    static void scheme(String section, String key, String value) {
        if (value != null && !SCHEMES.contains(value)) {
            throw OptionReader.invalid(section, key, value, "must be one of " + SCHEMES);
        }
    }

    static void range(String section, String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidConfiguration(name(section, key) + " = " + value + " is not in " + min + ".." + max);
        }
    }

    static void portRange(String section, String key, String value) {
        java.util.regex.Matcher m = value == null ? null : PORT_RANGE.matcher(value);
        if (m == null || !m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(2)) > 65535
                || Integer.parseInt(m.group(1)) >= Integer.parseInt(m.group(2))) {
            // the upper end is exclusive, as Nova's range(start, stop): min == max would give no port at all
            throw OptionReader.invalid(section, key, value,
                    "is not a port range min:max within 1-65535 with min < max");
        }
    }

    static void instancesPath(Path path) {
        if (path == null) {
            throw new InvalidConfiguration("[DEFAULT] instances_path is required (got null)");
        }
        absolutePath("DEFAULT", "instances_path", path.toString());
    }
}
