package dev.novalibvirt.cli.command;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.migration.drain.DrainGuest;
import dev.novalibvirt.migration.drain.GuestState;
import java.util.List;
import java.util.Map;

/**
 * The guests a drain moves ({@link GuestSelection}: each running domain of the host, or of {@code --only}), as
 * {@code HostDrain} takes them, and the rows of those refused before anything starts.
 *
 * @param toMove     the guests for {@code HostDrain}, in the host's listing order
 * @param refused    the rows of the running guests refused here
 * @param notRunning the names of the domains that do not run
 * @param names      domain name per instance uuid, of the guests to move
 */
record DrainGuests(List<DrainGuest> toMove, List<DrainReport.Guest> refused, List<String> notRunning,
                   Map<String, String> names) {

    static DrainGuests of(GuestSelection selected, String host) {
        return new DrainGuests(selected.chosen().stream()
                .map(i -> new DrainGuest(i, NetworkInfo.none(), BlockDeviceInfo.none())).toList(),
                selected.refused().stream().map(r -> new DrainReport.Guest(r.name(), r.uuid(),
                        GuestState.REFUSED.name(), null, host, null, null, null, null, null, r.why())).toList(),
                selected.notRunning(), selected.names());
    }
}
