package dev.novalibvirt.core.config;

import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.validation.Checks;
import java.nio.file.Path;

/**
 * The nova.conf options this library honours, under Nova's names and defaults, read once and injected into the
 * driver (Nova reads the global {@code CONF} everywhere instead).
 *
 * <p>{@link #validate()} applies the start-up checks of {@code LibvirtDriver.init_host}: combinations that can never
 * work are refused before any guest is touched.
 */
public record NovaConfig(DefaultOptions defaults, LibvirtOptions libvirt, WorkaroundsOptions workarounds,
                         ConsoleOptions consoles) {

    /** Reads and validates a nova.conf file. */
    public static NovaConfig fromFile(Path novaConf) {
        return from(IniFile.read(novaConf));
    }

    /** Parses and validates nova.conf text. */
    public static NovaConfig parse(String novaConfText) {
        if (novaConfText == null) {
            throw new InvalidConfiguration("nova.conf text is required (got null)");
        }
        return from(IniFile.parse(novaConfText));
    }

    /** Nova's defaults for every option (as if nova.conf were empty). */
    public static NovaConfig defaultConfig() {
        return parse("");
    }

    private static NovaConfig from(IniFile ini) {
        NovaConfig config = new NovaConfig(DefaultOptions.read(ini), LibvirtOptions.read(ini),
                WorkaroundsOptions.read(ini), ConsoleOptions.read(ini));
        config.validate();
        return config;
    }

    /**
     * The start-up checks of {@code LibvirtDriver.init_host} / {@code _parse_migration_flags} that apply here.
     *
     * @throws InvalidConfiguration naming the offending options
     */
    public void validate() {
        if (libvirt.liveMigrationTunnelled() && libvirt.liveMigrationWithNativeTls()) {
            throw new InvalidConfiguration("Setting both [libvirt] live_migration_tunnelled and "
                    + "live_migration_with_native_tls at the same time is invalid; use native TLS alone.");
        }
        if (libvirt.usesRbd() && !defaults.forceRawImages()) {
            throw new InvalidConfiguration("[DEFAULT] force_raw_images=False is not supported with "
                    + "[libvirt] images_type=rbd: RBD clones need raw images.");
        }
        if (libvirt.liveMigrationUri() != null && !libvirt.liveMigrationUri().contains("%s")) {
            throw new InvalidConfiguration("[libvirt] live_migration_uri must contain %s for the destination host");
        }
        if (libvirt.liveMigrationUri() != null && libvirt.liveMigrationScheme() != null) {
            throw new InvalidConfiguration("[libvirt] live_migration_uri (deprecated) and live_migration_scheme "
                    + "are mutually exclusive");
        }
        if (libvirt.liveMigrationPermitPostCopy() && libvirt.liveMigrationParallelConnections() > 1) {
            throw new InvalidConfiguration("[libvirt] live_migration_permit_post_copy with "
                    + "live_migration_parallel_connections > 1 needs QEMU >= 10.1, which this library does not assume");
        }
        if (libvirt.rbdSecretUuid() != null
                && !Checks.ANY_CASE_UUID.matcher(libvirt.rbdSecretUuid()).matches()) {
            // never shown: a cephx key given here by mistake must not reach a log
            throw new InvalidConfiguration("[libvirt] rbd_secret_uuid (value not shown) is not a UUID "
                    + "(8-4-4-4-12 hex digits, the libvirt secret's uuid; the cephx key itself belongs in the secret)");
        }
        if (workarounds.ensureLibvirtRbdInstanceDirCleanup() && !libvirt.usesRbd()) {
            throw new InvalidConfiguration("[workarounds] ensure_libvirt_rbd_instance_dir_cleanup only applies to "
                    + "[libvirt] images_type=rbd");
        }
    }

    /** The same configuration with another {@code instances_path} (tests and multi-host setups on one machine). */
    public NovaConfig withInstancesPath(Path instancesPath) {
        OptionChecks.instancesPath(instancesPath);
        DefaultOptions d = defaults;
        return new NovaConfig(new DefaultOptions(d.host(), instancesPath, d.liveMigrationRetryCount(),
                d.reservedHostDiskMb(), d.forceRawImages(), d.myIp(), d.maxConcurrentLiveMigrations()), libvirt,
                workarounds, consoles);
    }
}
