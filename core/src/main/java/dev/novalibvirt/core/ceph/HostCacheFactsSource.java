package dev.novalibvirt.core.ceph;

/**
 * Where a compute host's {@link HostCacheFacts} come from (QEMU and Ceph versions, the ceph.conf QEMU reads, the
 * cephx entity). The driver asks it in the live-migration pre-checks; implementations read the host's state when
 * called, so a ceph.conf edited since start-up is seen.
 */
@FunctionalInterface
public interface HostCacheFactsSource {
    /** This host's facts; {@link CephConfigException} when they cannot be read. */
    HostCacheFacts facts();

    /** Whether {@link HostCacheFacts#ceph()} is a real reading rather than {@link RbdCacheFacts#ASSUMED_CEPH}. */
    default boolean cephVersionKnown() {
        return true;
    }
}
