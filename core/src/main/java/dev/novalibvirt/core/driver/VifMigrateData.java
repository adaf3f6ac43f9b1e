package dev.novalibvirt.core.driver;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.novalibvirt.core.validation.Checks;
import java.util.regex.Pattern;

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
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,254}");

    /** @throws dev.novalibvirt.core.exception.InvalidInput naming the field (values come from a peer) */
    public VifMigrateData {
        if (portId != null) {
            Checks.matches(portId, "vifs port_id", TOKEN, "a port id");
        }
        if (vnicType != null) {
            Checks.matches(vnicType, "vifs vnic_type", TOKEN, "a vnic type such as normal");
        }
        if (vifType != null) {
            Checks.matches(vifType, "vifs vif_type", TOKEN, "a vif type such as bridge");
        }
        if (host != null) {
            Checks.host(host, "vifs host");
        }
    }
}
