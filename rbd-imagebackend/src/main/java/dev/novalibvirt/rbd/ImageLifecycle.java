package dev.novalibvirt.rbd;

import com.ceph.rbd.Rbd;
import com.ceph.rbd.RbdException;
import com.ceph.rbd.RbdImage;
import com.sun.jna.ptr.IntByReference;
import dev.novalibvirt.core.exception.Forbidden;
import dev.novalibvirt.core.exception.ImageUnacceptable;
import dev.novalibvirt.core.exception.ResizeError;
import dev.novalibvirt.rbd.jna.LibRbd;
import dev.novalibvirt.rbd.rados.RadosConnection;
import dev.novalibvirt.rbd.rados.RbdError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images coming into being and changing shape for {@link RbdDriver}: create, is-cloneable, clone, resize and
 * flatten ({@code importFile} is {@link SparseImporter}'s).
 */
final class ImageLifecycle {

    // the facade's logger, so that log configuration written for RbdDriver keeps applying
    private static final Logger LOG = LoggerFactory.getLogger(RbdDriver.class);
    private static final LibRbd LIB = LibRbd.INSTANCE;

    private final RbdConfig config;
    private final ImageAccess access;
    private final ImageQueries queries;

    ImageLifecycle(RbdConfig config, ImageAccess access, ImageQueries queries) {
        this.config = config;
        this.access = access;
        this.queries = queries;
    }

    void create(String pool, String name, long sizeBytes) {
        RbdNames.pool(pool);
        RbdNames.image(name);
        RbdNames.size(sizeBytes);
        access.connection().withIoCtx(pool, "create " + pool + "/" + name, io -> {
            new Rbd(io).create(name, sizeBytes);
            return null;
        });
    }

    /** Never throws for a bad location: answers false. */
    boolean isCloneable(String url, String diskFormat) {
        RbdLocation loc;
        try {
            loc = RbdLocation.parse(url);
        } catch (ImageUnacceptable e) {
            LOG.debug("not cloneable: {}", e.getMessage());
            return false;
        }
        if (!loc.fsid().equalsIgnoreCase(access.connection().fsid())) {
            LOG.debug("not cloneable: {} is in another cluster", loc);
            return false;
        }
        if (!"raw".equals(diskFormat)) {
            LOG.debug("not cloneable: {} has format {}", loc, diskFormat);
            return false;
        }
        try {
            return queries.exists(loc.pool(), loc.image(), loc.snapshot());
        } catch (RbdError e) {
            LOG.debug("not cloneable: {}: {}", loc, e.getMessage());
            return false;
        }
    }

    /** With the parent's features; EPERM/EACCES become {@link Forbidden}. */
    void clone(RbdLocation source, String destPool, String destName) {
        RbdNames.pool(destPool);
        RbdNames.image(destName);
        String what = "clone " + source + " to " + destPool + "/" + destName;
        try {
            access.connection().withIoCtx(source.pool(), what, src -> {
                long features;
                Rbd srcRbd = new Rbd(src);
                RbdImage parent = srcRbd.openReadOnly(source.image(), source.snapshot());
                try {
                    features = ImageAccess.features(parent);
                } finally {
                    srcRbd.close(parent);
                }
                return access.connection().withIoCtx(destPool, what, dst -> {
                    int rc = LIB.rbd_clone(src.getPointer(), source.image(), source.snapshot(), dst.getPointer(),
                            destName, features, new IntByReference(0));
                    if (rc < 0) {
                        throw new RbdException(what, rc);
                    }
                    return null;
                });
            });
        } catch (RbdError.PermissionDenied e) {
            throw new Forbidden(what + ": permission denied for client." + config.user(), e);
        }
    }

    /** Grow-only: a smaller size is a {@link ResizeError} and changes nothing; equal size is a no-op. */
    void resize(String pool, String name, long newSizeBytes) {
        RbdNames.pool(pool);
        RbdNames.image(name);
        RbdNames.size(newSizeBytes);
        access.readWrite(pool, name, "resize", (rbd, img) -> {
            long current = img.stat().size;
            if (newSizeBytes < current) {
                throw new RadosConnection.TypedIOException(new ResizeError(pool + "/" + name + " is " + current
                        + " bytes; shrinking to " + newSizeBytes + " is refused"));
            }
            if (newSizeBytes > current) {
                img.resize(newSizeBytes);
            }
            return null;
        });
    }

    /** No-op for a non-clone. */
    void flatten(String pool, String name) {
        if (queries.parent(pool, name).isEmpty()) {
            return;
        }
        access.readWrite(pool, name, "flatten", (rbd, img) -> {
            img.flatten();
            return null;
        });
    }
}
