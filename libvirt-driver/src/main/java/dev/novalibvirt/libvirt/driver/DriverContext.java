package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.config.LibvirtOptions;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.image.ImageBackend;
import dev.novalibvirt.core.validation.SafeText;
import dev.novalibvirt.libvirt.host.Host;
import java.util.Objects;

/**
 * What every step of the driver works on: this compute host's nova.conf, its libvirtd, its image backend and its
 * instance directories, and the serial console ports it handed out. Shared so that no step reads anything global.
 */
record DriverContext(NovaConfig config, Host host, ImageBackend imageBackend, InstanceDirs dirs,
                     SerialPorts serialPorts) {
    DriverContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(imageBackend, "imageBackend");
        Objects.requireNonNull(dirs, "dirs");
        Objects.requireNonNull(serialPorts, "serialPorts");
    }

    /** A context whose serial ports come from {@code [serial_console] port_range}, probed on this machine. */
    DriverContext(NovaConfig config, Host host, ImageBackend imageBackend, InstanceDirs dirs) {
        this(config, host, imageBackend, dirs, SerialPorts.of(config.consoles()));
    }

    LibvirtOptions libvirt() {
        return config.libvirt();
    }

    /** {@code [DEFAULT] host}: the name messages give this compute host. */
    String hostName() {
        return config.defaults().host();
    }

    /**
     * Nova's {@code instance_relative_path} as the source set it, else the instance's uuid (what Nova's
     * {@code get_instance_path_at_destination} falls back to). The peer's value must be what this host would use
     * itself, the instance's uuid: another instance's dir would be created, or removed on rollback, instead.
     *
     * @throws InvalidInput when the migrate data names another dir than the instance's
     */
    static String relativePath(Instance instance, LibvirtLiveMigrateData migrateData) {
        String relative = migrateData != null && migrateData.instanceRelativePath() != null
                ? migrateData.instanceRelativePath() : instance.uuid();
        if (!relative.equals(instance.uuid())) {
            throw new InvalidInput("migrate data instance_relative_path " + SafeText.quote(relative)
                    + " is not the dir of instance " + instance.uuid() + " (its uuid)");
        }
        return relative;
    }
}
