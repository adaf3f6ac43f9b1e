package dev.novalibvirt.conformance.demo;

import dev.novalibvirt.core.driver.Instance;
import java.time.Duration;
import java.util.List;

/**
 * What a demo run did.
 *
 * @param instance  the guest
 * @param imageId   its root disk's RBD image id after the spawn
 * @param wanted    the hops it was to make
 * @param hops      the hops it made, in order; it stops after the first that is not {@link HopRecord#ok()}
 * @param leftovers what its cleanup left on the hosts or in the pool (empty: nothing)
 * @param took      the whole run, spawn to cleanup
 */
public record DemoResult(Instance instance, String imageId, int wanted, List<HopRecord> hops, List<String> leftovers,
                         Duration took) {
    public DemoResult {
        hops = List.copyOf(hops);
        leftovers = List.copyOf(leftovers);
    }

    /** Every hop was made and checked, and nothing was left. */
    public boolean ok() {
        return hops.size() == wanted && hops.stream().allMatch(HopRecord::ok) && leftovers.isEmpty();
    }
}
