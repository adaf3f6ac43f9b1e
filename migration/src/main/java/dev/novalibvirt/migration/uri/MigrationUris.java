package dev.novalibvirt.migration.uri;

import dev.novalibvirt.core.config.LibvirtOptions;
import dev.novalibvirt.core.exception.InvalidHostname;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.LiveMigrationURINotAvailable;
import dev.novalibvirt.core.validation.SafeText;
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

    /**
     * Nova's {@code is_valid_hostname}: word characters, dash, dot and colon only (no shell metacharacters); here
     * also at most 255 characters and not starting with '-' (an ssh option such as {@code -oProxyCommand}).
     */
    private static final Pattern HOSTNAME = Pattern.compile("^[\\w.:][\\w\\-.:]{0,254}$");

    /**
     * Refuses a destination that is not a plain host name or address.
     *
     * @throws InvalidHostname naming the value (with non-printables replaced)
     */
    public static String requireValidHostname(String dest) {
        if (dest == null || !HOSTNAME.matcher(dest).matches()) {
            throw new InvalidHostname("Invalid characters in hostname " + SafeText.quote(dest)
                    + " (1-255 letters, digits, '_', '-', '.', ':', not starting with '-')");
        }
        return dest;
    }

    /**
     * Nova's {@code oslo_netutils.escape_ipv6}: brackets around a bare IPv6 literal, anything else unchanged
     * ({@code 127.0.0.1:4444} and {@code [::1]:4444} included).
     */
    public static String escapeIpv6(String address) {
        if (address != null && MigrationAddress.isIpv6Literal(address)) {
            return "[" + address + "]";
        }
        return address;
    }

    /**
     * The libvirt connection URI for {@code dest}: the deprecated {@code live_migration_uri} with {@code %s}
     * replaced, else {@code qemu+<live_migration_scheme or tcp>://<dest>/system} for kvm/qemu.
     *
     * @param dest a host name, IPv4 or IPv6 address, each optionally with a port ({@link MigrationAddress})
     * @throws LiveMigrationURINotAvailable for other virt types
     * @throws InvalidHostname when {@code dest} is none of those
     */
    public static String connectionUri(LibvirtOptions options, String dest) {
        requireOptions(options);
        String host = MigrationAddress.parse(dest).authority();
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

    /**
     * Nova's {@code _migrate_uri}: {@code tcp://<dest>} for kvm/qemu, else none.
     *
     * @throws InvalidHostname when {@code dest} is not a host name or address, optionally with a port
     */
    public static String dataUri(LibvirtOptions options, String dest) {
        requireOptions(options);
        if (options.virtType().equals("kvm") || options.virtType().equals("qemu")) {
            return "tcp://" + MigrationAddress.parse(dest).authority();
        }
        return null;
    }

    /**
     * The URIs of one migration as {@code _live_migration_operation} picks them: the destination's
     * {@code target_connect_addr} (its {@code live_migration_inbound_addr}) replaces the host name for both URIs;
     * the data URI is set only then and only when not tunnelled.
     *
     * @param dest              the destination host as the conductor named it
     * @param targetConnectAddr from the destination's pre_live_migration data, or null; may carry a port
     *                          ({@code 127.0.0.1:4444}, {@code [fd00::12]:4444})
     * @throws InvalidHostname when {@code dest} fails Nova's {@code is_valid_hostname}, or either is not a host
     *                         name or address (optionally with a port)
     */
    public static MigrationUris forMigration(LibvirtOptions options, String dest, String targetConnectAddr) {
        requireOptions(options);
        requireValidHostname(dest);
        String address = dest;
        if (targetConnectAddr != null) {
            // Nova uses target_connect_addr unchecked; a typed refusal beats a URI libvirt cannot parse.
            address = MigrationAddress.parse(targetConnectAddr).toString();
        }
        String migrateUri = null;
        if (targetConnectAddr != null && !options.liveMigrationTunnelled()) {
            migrateUri = dataUri(options, address);
        }
        return new MigrationUris(connectionUri(options, address), migrateUri);
    }

    private static void requireOptions(LibvirtOptions options) {
        if (options == null) {
            throw new InvalidInput("migration URIs need the [libvirt] options (got null)");
        }
    }
}
