package dev.novalibvirt.core.driver;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import dev.novalibvirt.core.volume.VolumeDiskInfo;
import java.util.regex.Pattern;

/**
 * Mirrors {@code nova.objects.migrate_data.LibvirtLiveMigrateBDMInfo}: the destination's view of one attached volume,
 * with the connection the destination made ({@code connection_info_json}, Nova's JSON string of it), which the
 * source writes into the destination XML ({@code _update_volume_xml}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LibvirtLiveMigrateBDMInfo(@JsonProperty("serial") String serial, @JsonProperty("bus") String bus,
                                        @JsonProperty("dev") String dev, @JsonProperty("type") String type,
                                        @JsonProperty("format") String format,
                                        @JsonProperty("boot_index") Integer bootIndex,
                                        @JsonProperty("connection_info_json") String connectionInfoJson,
                                        @JsonProperty("encryption_secret_uuid") String encryptionSecretUuid) {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,254}");
    private static final Pattern DEV = Pattern.compile("[a-z]{1,4}[a-z0-9]{0,12}");

    /**
     * Checks the names a peer sends (serial, bus, dev, type, format, secret uuid); the connection info is not
     * shown in any message, it may carry credentials. It is parsed only when used ({@link #connectionInfo()}):
     * peers send connection info of volume types this library does not connect, which must not make the whole
     * migrate data unreadable.
     *
     * @throws dev.novalibvirt.core.exception.InvalidInput naming the field
     */
    public LibvirtLiveMigrateBDMInfo {
        if (serial != null) {
            Checks.matches(serial, "bdms serial", TOKEN, "a volume id");
        }
        if (bus != null) {
            Checks.matches(bus, "bdms bus", TOKEN, "a bus such as virtio");
        }
        if (dev != null) {
            Checks.matches(dev, "bdms dev", DEV, "a guest device such as vdb");
        }
        if (type != null) {
            Checks.matches(type, "bdms type", TOKEN, "a device type such as disk");
        }
        if (format != null) {
            Checks.matches(format, "bdms format", TOKEN, "a format such as raw");
        }
        if (encryptionSecretUuid != null) {
            Checks.matches(encryptionSecretUuid, "bdms encryption_secret_uuid", Checks.ANY_CASE_UUID, "a uuid");
        }
    }

    /**
     * The destination's view of {@code bdm} once connected there, as Nova's {@code pre_live_migration} fills
     * {@code migrate_data.bdms}: serial, bus, dev, type, format raw, boot index and the destination's connection.
     *
     * @throws InvalidInput when the volume has no serial or no connection on this host
     */
    public static LibvirtLiveMigrateBDMInfo of(BlockDeviceMapping bdm) {
        Checks.required(bdm, "block device mapping");
        if (bdm.volumeId() == null || bdm.connectionInfo() == null) {
            throw new InvalidInput("block device mapping " + bdm.targetDev()
                    + " needs a serial and this host's connection_info to migrate");
        }
        VolumeDiskInfo info = bdm.diskInfo();
        return new LibvirtLiveMigrateBDMInfo(bdm.volumeId(), info.bus(), info.dev(), info.type(), "raw",
                bdm.bootIndex(), bdm.connectionInfo().withSerial(bdm.volumeId()).toJson(), null);
    }

    /** Nova's {@code as_disk_info()}. */
    @JsonIgnore
    public VolumeDiskInfo asDiskInfo() {
        return new VolumeDiskInfo(dev, bus, type);
    }

    /**
     * The destination's connection, parsed from {@code connection_info_json}; empty when the peer sent none (Nova
     * then leaves the disk as it is).
     *
     * @throws InvalidInput or {@code VolumeDriverNotFound} when the JSON is not an rbd connection
     */
    @JsonIgnore
    public java.util.Optional<VolumeConnectionInfo> connectionInfo() {
        return connectionInfoJson == null ? java.util.Optional.empty()
                : java.util.Optional.of(VolumeConnectionInfo.fromJson(connectionInfoJson));
    }
}
