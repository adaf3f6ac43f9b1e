package dev.novalibvirt.rbd.fence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Refuses to start a guest from an RBD image that another live Ceph client has open. Consulted before
 * spawn, start and evacuate; not on the destination of a live migration, where the source holds the image
 * until the switch-over.
 *
 * <p>A holder whose address is on the OSD blocklist is fenced: it can no longer write, so it does not block
 * an evacuation (its exclusive lock is broken by the new owner's librbd on first write).
 */
public final class DiskGuard {
    private final ImageHolderProbe probe;
    private final Supplier<List<CephBlocklist.Entry>> blocklist;

    /**
     * @param probe     who has an image open
     * @param blocklist the current OSD blocklist (e.g. {@code cephBlocklist::list})
     */
    public DiskGuard(ImageHolderProbe probe, Supplier<List<CephBlocklist.Entry>> blocklist) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.blocklist = Objects.requireNonNull(blocklist, "blocklist");
    }

    /** An RBD image of the guest. */
    public record GuardedImage(String pool, String name) {
        public GuardedImage {
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return pool + "/" + name;
        }
    }

    /** What the guard saw: holders that were ignored because they are fenced. */
    public record Verdict(boolean checked, List<ImageHolder> fencedHolders) {
    }

    /**
     * Checks every image; throws {@link DiskInUse} for the first one with a live (unfenced) holder.
     *
     * @return what was checked (nothing for a live-migration destination)
     */
    public Verdict checkCanStart(String instance, StartPurpose purpose, List<GuardedImage> images) {
        Objects.requireNonNull(purpose, "purpose");
        if (!purpose.guarded()) {
            return new Verdict(false, List.of());
        }
        List<CephBlocklist.Entry> fenced = null;
        List<ImageHolder> ignored = new ArrayList<>();
        for (GuardedImage image : images) {
            List<ImageHolder> holders = probe.holders(image.pool(), image.name());
            if (holders.isEmpty()) {
                continue;
            }
            if (fenced == null) {
                fenced = blocklist.get();
            }
            List<ImageHolder> live = new ArrayList<>();
            for (ImageHolder h : holders) {
                (CephBlocklist.isFenced(fenced, h.address()) ? ignored : live).add(h);
            }
            if (!live.isEmpty()) {
                throw new DiskInUse(instance, image.toString(), live);
            }
        }
        return new Verdict(true, List.copyOf(ignored));
    }
}
