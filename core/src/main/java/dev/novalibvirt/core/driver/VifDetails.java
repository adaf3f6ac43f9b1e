package dev.novalibvirt.core.driver;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.novalibvirt.core.validation.Checks;
import java.util.regex.Pattern;

/**
 * The part of a port binding's {@code vif_details} this driver reads: os-vif's {@code bridge_name}, the host bridge
 * the guest's interface joins on the binding's host. Other keys of a peer's details are ignored.
 *
 * @param bridgeName {@code bridge_name}, or null when the binding names none (the source VIF's bridge is kept)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VifDetails(@JsonProperty("bridge_name") String bridgeName) {
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    /** @throws dev.novalibvirt.core.exception.InvalidInput when the bridge is not a network interface name */
    public VifDetails {
        if (bridgeName != null) {
            Checks.matches(bridgeName, "vifs vif_details bridge_name", IFNAME,
                    "a bridge name (1-15 of [A-Za-z0-9_.-])");
        }
    }
}
