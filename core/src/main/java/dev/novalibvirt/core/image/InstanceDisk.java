package dev.novalibvirt.core.image;

import dev.novalibvirt.core.exception.InvalidInput;
import java.util.regex.Pattern;

/**
 * One disk of one instance: Nova names them by instance uuid and disk name ({@code disk}, {@code disk.local},
 * {@code disk.swap}, {@code disk.config}, {@code disk.eph0}, {@code disk.rescue}).
 *
 * <p>Both parts are validated on construction because they end up in storage object names
 * ({@code <uuid>_<disk>} in RBD, {@code <instances_path>/<uuid>/<disk>} for files): the uuid must be the
 * canonical lowercase 8-4-4-4-12 form, the disk name a simple token without path separators, {@code @}
 * (RBD's snapshot separator) or {@code ..}.
 */
public record InstanceDisk(String instanceUuid, String diskName) {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern DISK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    public InstanceDisk {
        requireInstanceUuid(instanceUuid);
        if (diskName == null) {
            throw new InvalidInput("disk name is required (got null)");
        }
        if (!DISK_NAME.matcher(diskName).matches() || diskName.contains("..")) {
            throw new InvalidInput("disk name '" + printable(diskName)
                    + "' must be 1-63 characters of [A-Za-z0-9_.-], start alphanumeric and contain no '..'");
        }
    }

    /** The root disk ({@code disk}) of an instance. */
    public static InstanceDisk root(String instanceUuid) {
        return new InstanceDisk(instanceUuid, "disk");
    }

    /**
     * Checks that a string is a canonical lowercase instance uuid, as used in storage names.
     *
     * @return the uuid
     * @throws InvalidInput for null, empty, upper-case or malformed values
     */
    public static String requireInstanceUuid(String instanceUuid) {
        if (instanceUuid == null || !UUID.matcher(instanceUuid).matches()) {
            throw new InvalidInput("instance uuid '" + printable(instanceUuid)
                    + "' is not a canonical lowercase uuid (8-4-4-4-12 hex digits)");
        }
        return instanceUuid;
    }

    /** Whether a string is a canonical lowercase uuid. */
    public static boolean isInstanceUuid(String value) {
        return value != null && UUID.matcher(value).matches();
    }

    private static String printable(String s) {
        return dev.novalibvirt.core.validation.SafeText.printable(s);
    }
}
