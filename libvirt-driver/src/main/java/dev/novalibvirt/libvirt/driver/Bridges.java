package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.Vif;
import dev.novalibvirt.core.exception.MigrationPreCheckError;

/**
 * The bridges a guest's VIFs plug into must exist on this host before it is started or migrated here; Nova learns
 * this late from a failing plug, we refuse before anything changed.
 */
final class Bridges {
    private final BridgeProbe probe;
    private final String hostName;

    Bridges(BridgeProbe probe, String hostName) {
        this.probe = probe;
        this.hostName = hostName;
    }

    /** @throws MigrationPreCheckError naming the first missing bridge and the VIF that needs it */
    void require(NetworkInfo networkInfo, String step) {
        for (Vif vif : networkInfo.vifs()) {
            if (!probe.bridgeExists(vif.bridge())) {
                throw new MigrationPreCheckError(step + ": bridge " + vif.bridge() + " needed by VIF " + vif.id()
                        + " does not exist on " + hostName);
            }
        }
    }
}
