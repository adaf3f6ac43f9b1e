package dev.novalibvirt.core.driver;

import dev.novalibvirt.core.exception.Invalid;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The parts of Nova's {@code objects.Instance} that the libvirt driver reads: identity, flavor size and the image
 * it boots from. Nova's mutable host/task/vm state belongs to the embedding controller, not to the driver.
 *
 * @param uuid      canonical lowercase uuid; names the instance dir ({@code instances_path/<uuid>}) and RBD disks
 * @param name      the libvirt domain name (Nova: {@code instance.name}, e.g. {@code instance-0000002a})
 * @param memoryMib flavor RAM
 * @param vcpus     flavor vCPUs
 * @param rootGb    flavor root disk size in GiB; 0 gives the root disk the image's own size, unresized (Nova's
 *                  {@code root_gb = 0} for image-backed instances)
 * @param imageRef  Glance image id the root disk is cloned from, or null for volume-backed instances
 */
public record Instance(String uuid, String name, int memoryMib, int vcpus, int rootGb, String imageRef) {
    private static final Pattern UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern DOMAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}");

    public Instance {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(name, "name");
        if (!UUID.matcher(uuid).matches()) {
            throw new Invalid("instance uuid '" + uuid + "' is not a canonical lowercase uuid");
        }
        if (!DOMAIN_NAME.matcher(name).matches()) {
            throw new Invalid("instance name '" + name + "' is not a valid domain name");
        }
        if (memoryMib <= 0 || vcpus <= 0 || rootGb < 0) {
            throw new Invalid("instance " + uuid + ": memory and vcpus must be positive, root_gb >= 0");
        }
    }

    /** Whether the instance boots from a Cinder volume (no image-backend root disk). */
    public boolean isVolumeBacked() {
        return imageRef == null;
    }
}
