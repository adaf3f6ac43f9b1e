package dev.novalibvirt.cli.command;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.migration.evacuate.EvacuationGuest;
import dev.novalibvirt.migration.evacuate.EvacuationState;
import java.util.List;
import java.util.Map;

/**
 * The guests an {@code evacuate} rebuilds ({@link GuestSelection}: each running domain of the dead host as the host
 * or its saved definitions last showed it, or of {@code --only}), as {@code HostEvacuation} takes them, and the rows
 * of those refused here. A domain that was not running is left alone (Nova rebuilds it stopped; here its definition
 * stays on the dead host).
 *
 * @param toRebuild  the guests for {@code HostEvacuation}, in the listing's order
 * @param refused    the rows of the guests refused here
 * @param notRunning the names of the domains that were not running
 * @param names      domain name per instance uuid, of the guests to rebuild
 */
record EvacuationGuests(List<EvacuationGuest> toRebuild, List<EvacuationReport.Guest> refused,
                        List<String> notRunning, Map<String, String> names) {
    /**
     * Stands in for the Glance image, which only Nova's database knows: the destination's spawn reads it only to make
     * a missing root disk, and the evacuation refuses a missing disk before spawning.
     */
    static final ImageMeta IMAGE_UNKNOWN = new ImageMeta(MigratingInstance.IMAGE_UNKNOWN, "raw", null);

    static EvacuationGuests of(GuestSelection selected) {
        return new EvacuationGuests(selected.chosen().stream()
                .map(i -> new EvacuationGuest(i, IMAGE_UNKNOWN, NetworkInfo.none(), BlockDeviceInfo.none())).toList(),
                selected.refused().stream().map(r -> new EvacuationReport.Guest(r.name(), r.uuid(),
                        EvacuationState.REFUSED.name(), null, null, r.why())).toList(),
                selected.notRunning(), selected.names());
    }
}
