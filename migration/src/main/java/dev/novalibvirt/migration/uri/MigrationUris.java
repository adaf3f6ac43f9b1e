package dev.novalibvirt.migration.uri;

import dev.novalibvirt.core.config.LibvirtOptions;
import dev.novalibvirt.core.exception.InvalidHostname;
import dev.novalibvirt.core.exception.LiveMigrationURINotAvailable;
import java.util.regex.Pattern;

/**
 * The two URIs of a libvirt peer-to-peer migration: the destination libvirtd's connection URI and QEMU's data
 * stream URI ({@code migrate_uri}). Mirrors {@code LibvirtDriver._live_migration_uri}, {@code _migrate_uri},
 * {@code nova.utils.is_valid_hostname} and the choice of address in {@code _live_migration_operation}.
 *
 * @param connectionUri e.g. {@code qemu+tcp://198.18.0.12/system}
 * @param migrateUri    e.g. {@code tcp://198.18.0.12}, or null when libvirt chooses (tunnelled, or no inbound addr)
 */
public record MigrationUris(String connectionUri, String migrateUri) {

    /** Nova's {@code is_valid_hostname}: word characters, dash, dot and colon only (no shell metacharacters). */
    private static final Pattern HOSTNAME = Pattern.compile("^[\\w\\-.:]+$");

    /**
     * Refuses a destination that is not a plain host name or address.
     *
     * @throws InvalidHostname naming the value (with non-printables replaced)
     */
    public static String requireValidHostname(String dest) {
        if (dest == null || !HOSTNAME.matcher(dest).matches()) {
            String shown = dest == null ? "null" : dest.replaceAll("[^\\x20-\\x7e]", "?");
            throw new InvalidHostname("Invalid characters in hostname '" + shown + "'");
        }
        return dest;
    }

    /** Nova's {@code ipv6.escape_ipv6}: brackets around IPv6 literals, anything else unchanged. */
    public static String escapeIpv6(String address) {
        if (address.contains(":") && !address.startsWith("[")) {
            return "[" + address + "]";
        }
        return address;
    }

    /**
     * The libvirt connection URI for {@code dest}: the deprecated {@code live_migration_uri} with {@code %s}
     * replaced, else {@code qemu+<live_migration_scheme or tcp>://<dest>/system} for kvm/qemu.
     *
     * @throws LiveMigrationURINotAvailable for other virt types
     */
    public static String connectionUri(LibvirtOptions options, String dest) {
        String host = escapeIpv6(dest);
        if (options.liveMigrationUri() != null) {
            return options.liveMigrationUri().replace("%s", host);
        }
        switch (options.virtType()) {
            case "kvm":
            case "qemu":
                String scheme = options.liveMigrationScheme() == null ? "tcp" : options.liveMigrationScheme();
                return "qemu+" + scheme + "://" + host + "/system";
            case "parallels":
                return "parallels+tcp://" + host + "/system";
            default:
                throw new LiveMigrationURINotAvailable("No live migration URI configured and no default available "
                        + "for virt_type " + options.virtType());
        }
    }

    /** Nova's {@code _migrate_uri}: {@code tcp://<dest>} for kvm/qemu, else none. */
    public static String dataUri(LibvirtOptions options, String dest) {
        if (options.virtType().equals("kvm") || options.virtType().equals("qemu")) {
            return "tcp://" + escapeIpv6(dest);
        }
        return null;
    }

    /**
     * The URIs of one migration as {@code _live_migration_operation} picks them: the destination's
     * {@code target_connect_addr} (its {@code live_migration_inbound_addr}) replaces the host name for both URIs;
     * the data URI is set only then and only when not tunnelled.
     *
     * @param dest              the destination host as the conductor named it
     * @param targetConnectAddr from the destination's pre_live_migration data, or null
     * @throws InvalidHostname when {@code dest} or {@code targetConnectAddr} is not a plain host name or address
     */
    public static MigrationUris forMigration(LibvirtOptions options, String dest, String targetConnectAddr) {
        requireValidHostname(dest);
        String address = dest;
        if (targetConnectAddr != null) {
            address = requireValidHostname(targetConnectAddr);
        }
        String migrateUri = null;
        if (targetConnectAddr != null && !options.liveMigrationTunnelled()) {
            migrateUri = dataUri(options, address);
        }
        return new MigrationUris(connectionUri(options, address), migrateUri);
    }
}
