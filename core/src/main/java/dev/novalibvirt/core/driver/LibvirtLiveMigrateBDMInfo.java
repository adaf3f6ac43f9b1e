package dev.novalibvirt.core.driver;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

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
}
