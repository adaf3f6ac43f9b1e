package dev.novalibvirt.rbd.fence;

import dev.novalibvirt.rbd.LockOwner;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.Watcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Holders of an image as librbd reports them: {@code rbd_watchers_list} (read-only open, so the probe adds
 * no watch of its own) and {@code rbd_lock_get_owners} (owners are named by entity address).
 */
public final class RbdImageHolderProbe implements ImageHolderProbe {
    private final RbdDriver driver;

    public RbdImageHolderProbe(RbdDriver driver) {
        this.driver = Objects.requireNonNull(driver, "driver");
    }

    @Override
    public List<ImageHolder> holders(String pool, String image) {
        if (!driver.exists(pool, image)) {
            return List.of();
        }
        List<ImageHolder> holders = new ArrayList<>();
        for (Watcher w : driver.watchers(pool, image)) {
            holders.add(new ImageHolder(ImageHolder.Kind.WATCHER, w.address(), "client." + w.clientId()));
        }
        for (LockOwner o : driver.lockOwners(pool, image)) {
            holders.add(new ImageHolder(ImageHolder.Kind.LOCK_OWNER, o.owner(), ""));
        }
        return List.copyOf(holders);
    }
}
