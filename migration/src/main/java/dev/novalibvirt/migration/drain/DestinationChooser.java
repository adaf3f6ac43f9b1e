package dev.novalibvirt.migration.drain;

import dev.novalibvirt.core.driver.Instance;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks where a guest goes. Nova asks its scheduler ({@code select_destinations}) when the operator names no
 * target host; a drain has no scheduler, so the embedder may plug its own placement here.
 *
 * <p>It is called on the drain's thread with the slots' lock held, so it must be quick and must not call a host.
 */
@FunctionalInterface
public interface DestinationChooser {

    /**
     * @param instance   the guest to place
     * @param candidates the destinations with room under the inbound cap, in the order the drain was given them
     * @return the host name of one candidate, or empty when none fits (the guest is then refused with
     *         {@link dev.novalibvirt.core.exception.MigrationPreCheckError} and the drain goes on)
     */
    Optional<String> choose(Instance instance, List<DestinationLoad> candidates);

    /** The least {@link DestinationLoad#load()}; a tie goes to the host name first in alphabetical order. */
    static DestinationChooser leastLoaded() {
        Comparator<DestinationLoad> order = Comparator.comparingInt(DestinationLoad::load)
                .thenComparing(DestinationLoad::host);
        return (instance, candidates) -> candidates.stream().min(order).map(DestinationLoad::host);
    }
}
