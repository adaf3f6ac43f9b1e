package dev.novalibvirt.rbd;

import com.ceph.rbd.Rbd;
import com.ceph.rbd.RbdException;
import com.ceph.rbd.RbdImage;
import dev.novalibvirt.core.image.ParentInfo;
import dev.novalibvirt.rbd.jna.Errno;
import dev.novalibvirt.rbd.jna.LibRbd;
import java.util.List;
import java.util.Optional;

/** Reads of {@link RbdDriver} that change nothing: list, exists, size, parent, features. */
final class ImageQueries {

    private static final LibRbd LIB = LibRbd.INSTANCE;

    private final ImageAccess access;

    ImageQueries(ImageAccess access) {
        this.access = access;
    }

    List<String> list(String pool) {
        RbdNames.pool(pool);
        return access.connection().withIoCtx(pool, "list images of pool " + pool,
                io -> List.of(new Rbd(io).list()));
    }

    /** Opens read-only (no watcher); false on ENOENT. */
    boolean exists(String pool, String name, String snapshot) {
        RbdNames.pool(pool);
        RbdNames.image(name);
        if (snapshot != null) {
            RbdNames.snapshot(snapshot);
        }
        return access.connection().withIoCtx(pool, "open " + pool + "/" + name, io -> {
            Rbd rbd = new Rbd(io);
            RbdImage img;
            try {
                img = snapshot == null ? rbd.openReadOnly(name) : rbd.openReadOnly(name, snapshot);
            } catch (RbdException e) {
                if (Math.abs(e.getReturnValue()) == Errno.ENOENT) {
                    return false;
                }
                throw e;
            }
            rbd.close(img);
            return true;
        });
    }

    long size(String pool, String name) {
        return access.readOnly(pool, name, "size of", (rbd, img) -> img.stat().size);
    }

    /** Via {@code rbd_get_parent}; empty for a non-clone. */
    Optional<ParentInfo> parent(String pool, String name) {
        return access.readOnly(pool, name, "parent of", (rbd, img) -> {
            LibRbd.LinkedImageSpec spec = new LibRbd.LinkedImageSpec();
            LibRbd.SnapSpec snap = new LibRbd.SnapSpec();
            int rc = LIB.rbd_get_parent(img.getPointer(), spec, snap);
            if (rc == -Errno.ENOENT) {
                return Optional.empty();
            }
            if (rc < 0) {
                throw new RbdException("get parent", rc);
            }
            try {
                return Optional.of(new ParentInfo(OpenRbdImage.LibRbdStrings.of(spec.pool_name),
                        OpenRbdImage.LibRbdStrings.of(spec.image_name), OpenRbdImage.LibRbdStrings.of(snap.name)));
            } finally {
                LIB.rbd_linked_image_spec_cleanup(spec);
                LIB.rbd_snap_spec_cleanup(snap);
            }
        });
    }

    long features(String pool, String name) {
        return access.readOnly(pool, name, "features of", (rbd, img) -> ImageAccess.features(img));
    }
}
