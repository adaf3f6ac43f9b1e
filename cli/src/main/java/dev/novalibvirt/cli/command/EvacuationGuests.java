package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.migration.evacuate.EvacuationGuest;
import dev.novalibvirt.migration.evacuate.EvacuationState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of a dead host's domains an {@code evacuate} rebuilds, as {@code nova host-evacuate} takes every server of
 * the host: each running domain (as the host or its saved definitions last showed it), read as {@link
 * MigratingInstance} reads one. One this CLI cannot rebuild (Cinder volumes, whose connection info is Nova's; a
 * domain that could not be read) is refused here and listed after the others; a domain that was not running is left
 * alone (Nova rebuilds it stopped; here its definition stays on the dead host).
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

    static EvacuationGuests of(List<GuestDefinition> domains, String imagesPool) {
        List<EvacuationGuest> toRebuild = new ArrayList<>();
        List<EvacuationReport.Guest> refused = new ArrayList<>();
        List<String> notRunning = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (GuestDefinition g : domains) {
            if (!g.active()) {
                notRunning.add(g.name());
                continue;
            }
            String why = g.error();
            if (why == null) {
                try {
                    Instance instance = MigratingInstance.of(g, imagesPool);
                    toRebuild.add(new EvacuationGuest(instance, IMAGE_UNKNOWN, NetworkInfo.none(),
                            BlockDeviceInfo.none()));
                    names.put(instance.uuid(), g.name());
                    continue;
                } catch (MigrationPreCheckError e) {
                    why = "MigrationPreCheckError: " + e.getMessage();
                }
            }
            refused.add(new EvacuationReport.Guest(g.name(), g.uuid(), EvacuationState.REFUSED.name(), null, null,
                    why));
        }
        return new EvacuationGuests(List.copyOf(toRebuild), List.copyOf(refused), List.copyOf(notRunning), names);
    }
}
