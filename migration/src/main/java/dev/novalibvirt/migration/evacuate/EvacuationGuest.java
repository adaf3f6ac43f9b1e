package dev.novalibvirt.migration.evacuate;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import java.util.Objects;

/**
 * One guest of the dead host with what the destination's {@code spawn} needs for it. The image is only read when the
 * root disk is missing, which the storage check refuses first: an evacuation never makes a new disk.
 *
 * @param instance        the guest
 * @param imageMeta       its image (Nova passes the instance's image to spawn on evacuate)
 * @param networkInfo     its network info (null: none)
 * @param blockDeviceInfo its block device info (null: none)
 */
public record EvacuationGuest(Instance instance, ImageMeta imageMeta, NetworkInfo networkInfo,
                              BlockDeviceInfo blockDeviceInfo) {
    public EvacuationGuest {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(imageMeta, "imageMeta");
        networkInfo = networkInfo == null ? NetworkInfo.none() : networkInfo;
        blockDeviceInfo = blockDeviceInfo == null ? BlockDeviceInfo.none() : blockDeviceInfo;
    }

    public String uuid() {
        return instance.uuid();
    }
}
