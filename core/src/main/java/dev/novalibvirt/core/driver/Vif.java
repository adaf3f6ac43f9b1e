package dev.novalibvirt.core.driver;

import dev.novalibvirt.core.validation.Checks;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of Nova's {@code network_info}: a port bridged on the host (os-vif's linux-bridge / ovs-hybrid
 * plugging leaves a host bridge the guest's tap joins).
 *
 * @param id     Neutron port id
 * @param mac    guest MAC address
 * @param bridge host bridge the interface joins ({@code network.bridge}); must exist before the guest arrives
 * @param model  guest NIC model, e.g. {@code virtio}
 */
public record Vif(String id, String mac, String bridge, String model) {
    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private static final Pattern PORT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,254}");
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");

    /** @throws dev.novalibvirt.core.exception.InvalidInput (an {@code Invalid}) naming the field */
    public Vif {
        Checks.matches(id, "VIF id", PORT_ID, "a port id (1-255 of [A-Za-z0-9_.:-])");
        Checks.required(mac, "VIF " + id + " mac");
        mac = mac.toLowerCase(Locale.ROOT);
        Checks.matches(mac, "VIF " + id + " mac", MAC, "a MAC address (52:54:00:aa:bb:cc)");
        Checks.matches(bridge, "VIF " + id + " bridge", IFNAME, "a bridge name (1-15 of [A-Za-z0-9_.-])");
        if (model == null) {
            model = "virtio";
        }
        Checks.matches(model, "VIF " + id + " model", MODEL, "a NIC model such as virtio");
    }
}
