package dev.novalibvirt.rbd;

import com.ceph.rbd.Rbd;
import com.ceph.rbd.RbdException;
import com.ceph.rbd.RbdImage;
import com.sun.jna.ptr.LongByReference;
import dev.novalibvirt.rbd.jna.LibRbd;
import dev.novalibvirt.rbd.rados.RadosConnection;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The image-access plumbing of {@link RbdDriver}: an image opened for one call on the driver's connection (under
 * its lease and {@code NativeCalls}' lock, see {@link RadosConnection#withIoCtx}) and closed before it returns.
 */
final class ImageAccess {

    private static final LibRbd LIB = LibRbd.INSTANCE;

    /** A call with an image open for its duration. */
    @FunctionalInterface
    interface ImageCall<T> {
        T apply(Rbd rbd, RbdImage image) throws IOException;
    }

    private final Supplier<RadosConnection> connection;

    /** {@code connection}: the driver's shared connection, connecting on first use. */
    ImageAccess(Supplier<RadosConnection> connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    RadosConnection connection() {
        return connection.get();
    }

    <T> T readOnly(String pool, String name, String what, ImageCall<T> call) {
        return withImage(pool, name, true, what, call);
    }

    <T> T readWrite(String pool, String name, String what, ImageCall<T> call) {
        return withImage(pool, name, false, what, call);
    }

    private <T> T withImage(String pool, String name, boolean readOnly, String what, ImageCall<T> call) {
        RbdNames.pool(pool);
        RbdNames.image(name);
        String desc = what + " " + pool + "/" + name;
        return connection().withIoCtx(pool, desc, io -> {
            Rbd rbd = new Rbd(io);
            RbdImage img = readOnly ? rbd.openReadOnly(name) : rbd.open(name);
            try {
                return call.apply(rbd, img);
            } finally {
                rbd.close(img);
            }
        });
    }

    /** Feature bits of an open image ({@code rbd_get_features}); call it under the image's call. */
    static long features(RbdImage img) throws RbdException {
        LongByReference f = new LongByReference();
        int rc = LIB.rbd_get_features(img.getPointer(), f);
        if (rc < 0) {
            throw new RbdException("get features", rc);
        }
        return f.getValue();
    }
}
