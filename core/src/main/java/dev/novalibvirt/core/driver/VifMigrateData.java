package dev.novalibvirt.core.driver;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.validation.Checks;
import java.util.regex.Pattern;

/**
 * Mirrors {@code nova.objects.migrate_data.VIFMigrateData}: one port's binding on the destination and its source VIF.
 *
 * @param portId     {@code port_id}
 * @param vnicType   {@code vnic_type}, e.g. {@code normal}
 * @param vifType    {@code vif_type}, e.g. {@code bridge}
 * @param host       {@code host}: the destination host of the binding
 * @param sourceVif  {@code source_vif}: the VIF as plugged on the source
 * @param vifDetails {@code vif_details} of the destination binding (Nova stores them as {@code vif_details_json});
 *                   null when the binding has none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VifMigrateData(@JsonProperty("port_id") String portId, @JsonProperty("vnic_type") String vnicType,
                             @JsonProperty("vif_type") String vifType, @JsonProperty("host") String host,
                             @JsonProperty("source_vif") Vif sourceVif,
                             @JsonProperty("vif_details") VifDetails vifDetails) {
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

    /** A binding without {@code vif_details}. */
    public VifMigrateData(String portId, String vnicType, String vifType, String host, Vif sourceVif) {
        this(portId, vnicType, vifType, host, sourceVif, null);
    }

    /**
     * The destination binding of {@code vif} on {@code host}: a bridged port ({@code vif_type=bridge},
     * {@code vnic_type=normal}) joining {@code vif.bridge()} there, as the destination's network info says.
     */
    public static VifMigrateData boundOn(String host, Vif vif) {
        Checks.required(vif, "vif");
        return new VifMigrateData(vif.id(), "normal", "bridge", host, vif, new VifDetails(vif.bridge()));
    }

    /**
     * Mirrors {@code VIFMigrateData.get_dest_vif()}: the source VIF with the destination binding laid over it; here
     * the bridge of {@code vif_details} ({@code bridge_name}) when the binding names one.
     *
     * @throws InvalidInput without a {@code source_vif} (Nova's {@code ObjectActionError})
     */
    public Vif destVif() {
        if (sourceVif == null) {
            throw new InvalidInput("vifs port " + portId + ": get_dest_vif needs source_vif, which is not set");
        }
        if (vifDetails == null || vifDetails.bridgeName() == null) {
            return sourceVif;
        }
        return new Vif(sourceVif.id(), sourceVif.mac(), vifDetails.bridgeName(), sourceVif.model());
    }
}
