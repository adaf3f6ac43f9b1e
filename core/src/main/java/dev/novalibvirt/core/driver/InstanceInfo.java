package dev.novalibvirt.core.driver;

/**
 * Nova's {@code hardware.InstanceInfo}: what {@code get_info} reports.
 *
 * @param state      power state
 * @param internalId the hypervisor's id of the running domain ({@code dom.ID()}), -1 when not running
 */
public record InstanceInfo(PowerState state, int internalId) {
}
