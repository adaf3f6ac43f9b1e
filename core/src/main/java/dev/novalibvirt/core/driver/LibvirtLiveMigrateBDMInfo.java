package dev.novalibvirt.core.driver;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.novalibvirt.core.validation.Checks;
import java.util.regex.Pattern;

/**
 * Mirrors {@code nova.objects.migrate_data.LibvirtLiveMigrateBDMInfo}: the destination's view of one attached volume.
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
     * shown in any message, it may carry credentials.
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
}
