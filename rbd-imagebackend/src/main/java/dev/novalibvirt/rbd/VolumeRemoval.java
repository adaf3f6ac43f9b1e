package dev.novalibvirt.rbd;

import com.ceph.rbd.Rbd;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.core.image.SnapshotInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Removal for {@link RbdDriver}: one image with Nova's bounded retry on busy ({@link DestroyRetry}), an image
 * with its snapshots, the images of a filter, and exactly one instance's disks.
 */
final class VolumeRemoval {

    private final ImageAccess access;
    private final ImageQueries queries;
    private final Snapshots snapshots;
    private final DestroyRetry destroyRetry;

    VolumeRemoval(ImageAccess access, ImageQueries queries, Snapshots snapshots, DestroyRetry destroyRetry) {
        this.access = access;
        this.queries = queries;
        this.snapshots = snapshots;
        this.destroyRetry = destroyRetry;
    }

    /** True if removed, false if it did not exist. */
    boolean destroy(String pool, String name) {
        RbdNames.pool(pool);
        RbdNames.image(name);
        return destroyRetry.destroy(pool + "/" + name, new DestroyRetry.Volume() {
            @Override
            public void remove() {
                access.connection().withIoCtx(pool, "remove " + pool + "/" + name, io -> {
                    new Rbd(io).remove(name);
                    return null;
                });
            }

            @Override
            public void removeSnapshot(String snapshot) {
                snapshots.remove(pool, name, snapshot, true, true);
            }
        });
    }

    /** A snapshot with clones stays and the removal then fails with {@code RbdError.ImageHasSnapshots}. */
    boolean purge(String pool, String name) {
        RbdNames.pool(pool);
        RbdNames.image(name);
        if (!queries.exists(pool, name, null)) {
            return false;
        }
        for (SnapshotInfo s : snapshots.list(pool, name)) {
            snapshots.remove(pool, name, s.name(), true, true);
        }
        return destroy(pool, name);
    }

    List<String> cleanup(String pool, Predicate<String> filter) {
        List<String> removed = new ArrayList<>();
        for (String name : queries.list(pool)) {
            if (filter.test(name) && destroy(pool, name)) {
                removed.add(name);
            }
        }
        return List.copyOf(removed);
    }

    /** {@code <uuid>_<something>} only; a malformed uuid is refused before anything is listed. */
    List<String> cleanupInstance(String pool, String instanceUuid) {
        String prefix = InstanceDisk.requireInstanceUuid(instanceUuid) + "_";
        return cleanup(pool, n -> n.startsWith(prefix) && n.length() > prefix.length());
    }
}
