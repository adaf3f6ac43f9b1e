package dev.novalibvirt.migration.evacuate;

import dev.novalibvirt.core.driver.Instance;
import java.util.List;

/**
 * The storage side of an evacuation: fencing of the dead host's storage clients and the check that nobody else still
 * writes a guest's disk. For RBD (rbd-libvirt's {@code RbdEvacuationStorage}): the OSD blocklist of the host's
 * addresses, and the fence package's {@code DiskGuard} with {@code StartPurpose.EVACUATE}.
 */
public interface EvacuationStorage {
    /** Whether every storage client of {@code host} is fenced now (its writes would fail). */
    boolean isFenced(String host);

    /** Fences every storage client of {@code host}; returns the entries added (e.g. {@code 198.18.0.11:0/0}). */
    List<String> fence(String host);

    /**
     * Before {@code instance} is rebuilt elsewhere: its shared disk exists and no unfenced client holds it.
     *
     * @return the holders ignored because they are fenced (a description each)
     * @throws dev.novalibvirt.core.exception.DiskNotFound when the disk is gone (a rebuild would make a blank one)
     * @throws dev.novalibvirt.core.exception.NovaException (RBD: {@code DiskInUse}) when a live client holds it
     */
    List<String> checkCanRebuild(Instance instance);

    /** Lifts the fence of {@code host} (its stale guests are gone); returns the entries removed. */
    List<String> unfence(String host);
}
