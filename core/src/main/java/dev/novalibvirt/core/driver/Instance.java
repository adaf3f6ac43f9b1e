package dev.novalibvirt.core.driver;

import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.validation.SafeText;
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
    private static final Pattern DOMAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}");

    /** @throws InvalidInput (an {@code Invalid}) naming the field when a part is missing or malformed */
    public Instance {
        Checks.uuid(uuid, "instance uuid");
        Checks.matches(name, "instance name", DOMAIN_NAME,
                "a domain name (1-64 of [A-Za-z0-9_.+-], starting alphanumeric)");
        if (memoryMib <= 0 || vcpus <= 0 || rootGb < 0) {
            throw new InvalidInput("instance " + uuid + ": memory (" + memoryMib + " MiB) and vcpus (" + vcpus
                    + ") must be positive, root_gb (" + rootGb + ") >= 0");
        }
        if (imageRef != null) {
            Checks.simpleName(imageRef, "instance " + uuid + " image_ref");
        }
    }

    /** Whether the instance boots from a Cinder volume (no image-backend root disk). */
    public boolean isVolumeBacked() {
        return imageRef == null;
    }
}
