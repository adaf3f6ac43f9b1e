package dev.novalibvirt.rbd.fence;

import dev.novalibvirt.rbd.Locker;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.Watcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Holders of an image as librbd reports them, through one read-only open (which add no watch of the probe's
 * own and never disturb the holder): {@code rbd_watchers_list} and {@code rbd_list_lockers}, where librbd's
 * managed exclusive lock shows as the locker whose cookie starts with {@code auto}, named by entity address.
 */
public final class RbdImageHolderProbe implements ImageHolderProbe {
    private final RbdDriver driver;

    public RbdImageHolderProbe(RbdDriver driver) {
        this.driver = Objects.requireNonNull(driver, "driver");
    }

    @Override
    public List<ImageHolder> holders(String pool, String image) {
        Optional<RbdDriver.Holders> found = driver.holders(pool, image);
        if (found.isEmpty()) {
            return List.of();
        }
        List<ImageHolder> holders = new ArrayList<>();
        for (Watcher w : found.get().watchers()) {
            holders.add(new ImageHolder(ImageHolder.Kind.WATCHER, w.address(), "client." + w.clientId()));
        }
        for (Locker l : found.get().lockers().lockers()) {
            ImageHolder.Kind kind = l.cookie().startsWith("auto ") ? ImageHolder.Kind.LOCK_OWNER : ImageHolder.Kind.ADVISORY_LOCK;
            holders.add(new ImageHolder(kind, l.address(), l.client()));
        }
        return List.copyOf(holders);
    }
}
