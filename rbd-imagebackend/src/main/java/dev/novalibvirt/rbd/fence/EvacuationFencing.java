package dev.novalibvirt.rbd.fence;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The storage side of Nova's evacuate for RBD guests: before a dead host's guest is rebuilt elsewhere, fence the
 * dead host's Ceph clients, then check that no other live client holds the guest's images. A QEMU on the dead
 * host that is in fact still running can no longer write after this; the new guest may start.
 */
public final class EvacuationFencing {
    private final HostFencer fencer;
    private final DiskGuard guard;

    public EvacuationFencing(HostFencer fencer, DiskGuard guard) {
        this.fencer = Objects.requireNonNull(fencer, "fencer");
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /** What was fenced and which holders of the guest's images the fence covers. */
    public record Report(String blocklistEntry, List<ImageHolder> fencedHolders) {
    }

    /**
     * Fences {@code deadHostIp} for {@code expiry}, then checks the images.
     *
     * @throws DiskInUse when a client on another host still holds an image: that host is alive and owns the guest
     */
    public Report prepare(String instance, String deadHostIp, List<DiskGuard.GuardedImage> images, Duration expiry) {
        String entry = fencer.fenceHost(deadHostIp, expiry);
        DiskGuard.Verdict v = guard.checkCanStart(instance, StartPurpose.EVACUATE, images);
        return new Report(entry, v.fencedHolders());
    }

    /** The dead host was repaired (its stale guests destroyed): lifts its fence. */
    public List<String> repaired(String hostIp) {
        return fencer.unfenceHost(hostIp);
    }
}
