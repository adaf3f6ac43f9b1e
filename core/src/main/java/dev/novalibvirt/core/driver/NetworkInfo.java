package dev.novalibvirt.core.driver;

import java.util.List;
import java.util.Objects;

/** Nova's {@code network_info} (a list of VIFs); empty for guests without interfaces. */
public record NetworkInfo(List<Vif> vifs) {
    public NetworkInfo {
        vifs = List.copyOf(Objects.requireNonNull(vifs, "vifs"));
    }

    public static NetworkInfo none() {
        return new NetworkInfo(List.of());
    }

    public static NetworkInfo of(Vif... vifs) {
        return new NetworkInfo(List.of(vifs));
    }
}
