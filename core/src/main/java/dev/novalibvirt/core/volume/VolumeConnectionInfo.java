package dev.novalibvirt.core.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.VolumeDriverNotFound;
import dev.novalibvirt.core.validation.Checks;
import java.util.regex.Pattern;

/**
 * A volume's {@code connection_info} as Nova keeps it in a block device mapping (and in
 * {@code LibvirtLiveMigrateBDMInfo.connection_info_json}): {@code driver_volume_type}, the {@code serial} Nova adds
 * at attach (the volume id), {@code multiattach}, and the driver's {@code data}. Only {@code rbd} is handled; any
 * other type is refused with {@link VolumeDriverNotFound}, as Nova's {@code _get_volume_driver} does.
 *
 * @param serial      {@code serial}: the volume id written as the disk's {@code <serial>}; may be null in
 *                    connections Cinder returns before Nova adds it
 * @param multiattach {@code multiattach}: the disk is shareable (cache mode {@code none})
 * @param data        the RBD connection data
 */
public record VolumeConnectionInfo(String serial, boolean multiattach, RbdConnectionData data) {
    /** The only {@code driver_volume_type} this library connects. */
    public static final String RBD = "rbd";
    private static final Pattern VOLUME_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,254}");

    /** @throws InvalidInput for a serial that is not a plain volume id, or missing data */
    public VolumeConnectionInfo {
        if (serial != null) {
            checkVolumeId(serial, "connection_info serial");
        }
        Checks.required(data, "connection_info data");
    }

    /** The {@code driver_volume_type} key of Nova's connection info; always {@value #RBD}. */
    public String driverVolumeType() {
        return RBD;
    }

    /** Nova's {@code block_device.get_volume_id}: {@code data.volume_id}, else the serial. */
    public String volumeId() {
        return data.volumeId() != null ? data.volumeId() : serial;
    }

    /** The same connection with Nova's {@code serial} set, as {@code DriverVolumeBlockDevice.attach} does. */
    public VolumeConnectionInfo withSerial(String volumeId) {
        return new VolumeConnectionInfo(volumeId, multiattach, data);
    }

    /**
     * Parses Nova's JSON ({@code {"driver_volume_type": "rbd", "serial": ..., "data": {...}}}). Unknown fields are
     * ignored, {@code keyring} included (it is never read).
     *
     * @throws InvalidInput         malformed JSON, a field of the wrong type or value, named but never shown
     * @throws VolumeDriverNotFound a {@code driver_volume_type} other than rbd
     */
    public static VolumeConnectionInfo fromJson(String json) {
        return ConnectionInfoJson.read(json);
    }

    /** The same, from a JSON tree already parsed (a Cinder attachment's, after Nova's translation). */
    public static VolumeConnectionInfo fromTree(JsonNode node) {
        return ConnectionInfoJson.fromTree(node, "connection_info");
    }

    /** Nova's JSON shape, with the fields of this record only. */
    public String toJson() {
        return ConnectionInfoJson.write(this);
    }

    static void checkVolumeId(String value, String field) {
        Checks.matches(value, field, VOLUME_ID, "a volume id (1-255 of [A-Za-z0-9_.:-], starting alphanumeric)");
        if (value.contains("..")) {
            throw new InvalidInput(field + " must not contain '..'");
        }
    }
}
