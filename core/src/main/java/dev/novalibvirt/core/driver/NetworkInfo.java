package dev.novalibvirt.core.driver;

import dev.novalibvirt.core.validation.Checks;
import java.util.ArrayList;
import java.util.List;

/** Nova's {@code network_info} (a list of VIFs); empty for guests without interfaces. */
public record NetworkInfo(List<Vif> vifs) {
    public NetworkInfo {
        Checks.required(vifs, "network_info vifs");
        List<Vif> copy = new ArrayList<>();
        for (int i = 0; i < vifs.size(); i++) {
            copy.add(Checks.required(vifs.get(i), "network_info vifs[" + i + "]"));
        }
        vifs = List.copyOf(copy);
    }

    public static NetworkInfo none() {
        return new NetworkInfo(List.of());
    }

    public static NetworkInfo of(Vif... vifs) {
        return new NetworkInfo(java.util.Arrays.asList(Checks.required(vifs, "network_info vifs")));
    }
}
