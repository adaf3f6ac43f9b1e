package dev.novalibvirt.core.driver;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mirrors {@code nova.objects.migrate_data.VIFMigrateData}: one port's binding on the destination and its source VIF.
 *
 * @param portId    {@code port_id}
 * @param vnicType  {@code vnic_type}, e.g. {@code normal}
 * @param vifType   {@code vif_type}, e.g. {@code bridge}
 * @param host      {@code host}: the destination host of the binding
 * @param sourceVif {@code source_vif}: the VIF as plugged on the source
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VifMigrateData(@JsonProperty("port_id") String portId, @JsonProperty("vnic_type") String vnicType,
                             @JsonProperty("vif_type") String vifType, @JsonProperty("host") String host,
                             @JsonProperty("source_vif") Vif sourceVif) {
}
