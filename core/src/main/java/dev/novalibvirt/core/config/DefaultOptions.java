package dev.novalibvirt.core.config;

import java.nio.file.Path;

/**
 * nova.conf {@code [DEFAULT]} options this library uses.
 *
 * @param host                      {@code host}: the compute host name (default: the machine's host name)
 * @param instancesPath             {@code instances_path} (default {@code $state_path/instances})
 * @param liveMigrationRetryCount   {@code live_migration_retry_count} (default 30): VIF plug retries in pre_live_migration
 * @param reservedHostDiskMb        {@code reserved_host_disk_mb} (default 0)
 * @param forceRawImages            {@code force_raw_images} (default true; must stay true with images_type=rbd)
 * @param myIp                      {@code my_ip}: this host's address (default: none here)
 * @param maxConcurrentLiveMigrations {@code max_concurrent_live_migrations} (default 1, 0 = unlimited): live
 *                                  migrations the source driver runs at once; the rest wait their turn
 */
public record DefaultOptions(String host, Path instancesPath, int liveMigrationRetryCount, int reservedHostDiskMb,
                             boolean forceRawImages, String myIp, int maxConcurrentLiveMigrations) {

    /** Nova's default {@code max_concurrent_live_migrations}. */
    public static final int DEFAULT_MAX_CONCURRENT_LIVE_MIGRATIONS = 1;

    /** The options without {@code max_concurrent_live_migrations} (Nova's default, 1). */
    public DefaultOptions(String host, Path instancesPath, int liveMigrationRetryCount, int reservedHostDiskMb,
                          boolean forceRawImages, String myIp) {
        this(host, instancesPath, liveMigrationRetryCount, reservedHostDiskMb, forceRawImages, myIp,
                DEFAULT_MAX_CONCURRENT_LIVE_MIGRATIONS);
    }

    /** Largest {@code live_migration_retry_count}. */
    static final int MAX_RETRY_COUNT = 100_000;

    /** @throws dev.novalibvirt.core.exception.InvalidConfiguration naming the option */
    public DefaultOptions {
        if (host == null) {
            throw new dev.novalibvirt.core.exception.InvalidConfiguration("[DEFAULT] host is required (got null)");
        }
        OptionChecks.host("DEFAULT", "host", host);
        OptionChecks.instancesPath(instancesPath);
        OptionChecks.range("DEFAULT", "live_migration_retry_count", liveMigrationRetryCount, 0, MAX_RETRY_COUNT);
        OptionChecks.range("DEFAULT", "reserved_host_disk_mb", reservedHostDiskMb, 0, Integer.MAX_VALUE);
        OptionChecks.host("DEFAULT", "my_ip", myIp);
    }

    static DefaultOptions read(IniFile ini) {
        OptionReader r = new OptionReader(ini, "DEFAULT");
        String statePath = r.string("state_path", "/var/lib/nova");
        String instancesPath = r.optString("instances_path").orElse(statePath + "/instances");
        // checked as text first: Path.of refuses NUL with an untyped InvalidPathException
        OptionChecks.absolutePath("DEFAULT", "instances_path", instancesPath);
        return new DefaultOptions(
                r.optString("host").orElseGet(DefaultOptions::localHostName),
                Path.of(instancesPath),
                r.integer("live_migration_retry_count", 30, 0, MAX_RETRY_COUNT),
                r.integer("reserved_host_disk_mb", 0, 0),
                r.bool("force_raw_images", true),
                r.optString("my_ip").orElse(null),
                r.integer("max_concurrent_live_migrations", DEFAULT_MAX_CONCURRENT_LIVE_MIGRATIONS, 0));
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
