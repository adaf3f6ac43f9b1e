package dev.novalibvirt.migration.drain;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import java.util.Objects;

/**
 * One guest to move, with what {@code LiveMigrationTask#start} needs for it.
 *
 * @param instance        the guest
 * @param networkInfo     its network info (may be null, as the task allows)
 * @param blockDeviceInfo its block device info (may be null, as the task allows)
 */
public record DrainGuest(Instance instance, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo) {
    public DrainGuest {
        Objects.requireNonNull(instance, "instance");
    }

    public String uuid() {
        return instance.uuid();
    }
}
