package dev.novalibvirt.rbd;

import com.ceph.rbd.Rbd;
import com.ceph.rbd.RbdException;
import com.ceph.rbd.RbdImage;
import dev.novalibvirt.rbd.jna.Errno;
import dev.novalibvirt.rbd.rados.RadosConnection;
import dev.novalibvirt.rbd.rados.RbdError;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who holds an image, for {@link RbdDriver}: watchers, managed-lock owners, advisory lockers, breaking a lock,
 * and the images held open ({@link OpenRbdImage}), which the driver closes before it releases its connection.
 */
final class ImageHolders {

    private final RbdDriver driver;
    private final ImageAccess access;
    private final Set<OpenRbdImage> openImages = ConcurrentHashMap.newKeySet();

    ImageHolders(RbdDriver driver, ImageAccess access) {
        this.driver = driver;
        this.access = access;
    }

    /** Read-write; the image holds a lease on the connection until it is closed. */
    OpenRbdImage open(String pool, String name) {
        RbdNames.pool(pool);
        RbdNames.image(name);
        String what = "open " + pool + "/" + name;
        RadosConnection c = access.connection();
        RadosConnection.Lease lease = c.lease(what);   // held by the image until it is closed
        OpenRbdImage img;
        try {
            img = c.withIoCtx(pool, what, io -> {
                Rbd rbd = new Rbd(io);
                return new OpenRbdImage(driver, rbd, rbd.open(name), pool, name, lease);
            });
        } catch (RuntimeException | Error e) {
            lease.close();   // no image holds it
            throw e;
        }
        openImages.add(img);
        if (driver.isClosed()) {   // close() ran meanwhile and may not have seen it
            img.close();
            throw new RbdError.ConnectionClosed(what + ": the rbd driver of client." + driver.config().user()
                    + " is closed");
        }
        return img;
    }

    /** An image closed by its holder. */
    void forget(OpenRbdImage img) {
        openImages.remove(img);
    }

    /** The driver is shutting down: closes every image still open, without unregistering each. */
    void closeAllForShutdown() {
        for (OpenRbdImage img : openImages) {
            img.closeForShutdown();
        }
        openImages.clear();
    }

    List<Watcher> watchers(String pool, String name) {
        return access.readOnly(pool, name, "watchers of", (rbd, img) -> {
            // A read-only open adds no watch, so the list shows only other clients.
            return OpenRbdImage.watchers(img.getPointer(), pool + "/" + name);
        });
    }

    /** librbd answers EINVAL on a read-only handle: opens read-write (a short-lived watch, never the lock). */
    List<LockOwner> lockOwners(String pool, String name) {
        return access.readWrite(pool, name, "lock owners of", (rbd, img) ->
                OpenRbdImage.lockOwners(img.getPointer(), pool + "/" + name));
    }

    /** One read-only open (adds no watch); empty when the image does not exist. */
    Optional<RbdDriver.Holders> holders(String pool, String name) {
        RbdNames.pool(pool);
        RbdNames.image(name);
        String spec = pool + "/" + name;
        return access.connection().withIoCtx(pool, "holders of " + spec, io -> {
            Rbd rbd = new Rbd(io);
            RbdImage img;
            try {
                img = rbd.openReadOnly(name);
            } catch (RbdException e) {
                if (Math.abs(e.getReturnValue()) == Errno.ENOENT) {
                    return Optional.empty();
                }
                throw e;
            }
            try {
                return Optional.of(new RbdDriver.Holders(OpenRbdImage.watchers(img.getPointer(), spec),
                        OpenRbdImage.lockers(img.getPointer(), spec)));
            } finally {
                rbd.close(img);
            }
        });
    }

    Lockers lockers(String pool, String name) {
        return access.readOnly(pool, name, "lockers of", (rbd, img) ->
                OpenRbdImage.lockers(img.getPointer(), pool + "/" + name));
    }

    void breakLock(String pool, String name, String client, String cookie) {
        try (OpenRbdImage img = open(pool, name)) {
            img.breakLock(client, cookie);
        }
    }
}
