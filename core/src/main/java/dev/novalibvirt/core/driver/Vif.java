package dev.novalibvirt.core.driver;

import dev.novalibvirt.core.exception.Invalid;
import java.util.Locale;
import java.util.Objects;
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

    public Vif {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(bridge, "bridge");
        mac = mac.toLowerCase(Locale.ROOT);
        if (!MAC.matcher(mac).matches()) {
            throw new Invalid("VIF " + id + ": '" + mac + "' is not a MAC address");
        }
        if (!IFNAME.matcher(bridge).matches()) {
            throw new Invalid("VIF " + id + ": '" + bridge + "' is not a bridge name");
        }
        if (model == null) {
            model = "virtio";
        }
    }
}
