package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.migration.drain.DrainGuest;
import dev.novalibvirt.migration.drain.GuestState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of a host's domains a drain moves, as {@code nova host-evacuate-live} takes every server of the host: each
 * running domain, as {@link MigratingInstance} reads it. One that cannot be migrated by this CLI (Cinder volumes, a
 * domain that could not be read) is refused here, before anything starts, and the others still go; a domain that
 * does not run is not live-migrated (its definition stays on the host).
 *
 * @param toMove     the guests for {@code HostDrain}, in the host's listing order
 * @param refused    the rows of the running guests refused here
 * @param notRunning the names of the domains that do not run
 * @param names      domain name per instance uuid, of the guests to move
 */
record DrainGuests(List<DrainGuest> toMove, List<DrainReport.Guest> refused, List<String> notRunning,
                   Map<String, String> names) {

    static DrainGuests of(List<GuestDefinition> domains, String imagesPool, String host) {
        List<DrainGuest> toMove = new ArrayList<>();
        List<DrainReport.Guest> refused = new ArrayList<>();
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
                    toMove.add(new DrainGuest(instance, NetworkInfo.none(), BlockDeviceInfo.none()));
                    names.put(instance.uuid(), g.name());
                    continue;
                } catch (MigrationPreCheckError e) {
                    why = "MigrationPreCheckError: " + e.getMessage();
                }
            }
            refused.add(new DrainReport.Guest(g.name(), g.uuid(), GuestState.REFUSED.name(), null, host, null, null,
                    null, null, null, why));
        }
        return new DrainGuests(List.copyOf(toMove), List.copyOf(refused), List.copyOf(notRunning), names);
    }
}
