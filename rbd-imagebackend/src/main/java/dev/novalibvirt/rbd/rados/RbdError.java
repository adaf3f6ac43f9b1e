package dev.novalibvirt.rbd.rados;

import dev.novalibvirt.core.exception.StorageError;
import dev.novalibvirt.rbd.jna.Errno;

/**
 * A librbd/librados call failed; carries the (positive) errno. Subclasses name the cases callers act on,
 * like the {@code rbd.ImageNotFound}/{@code rbd.ImageBusy}/{@code rbd.ImageHasSnapshots} exceptions Nova's
 * {@code rbd_utils} catches.
 */
public class RbdError extends StorageError {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public RbdError(String what, int errno) {
        super(what + " failed: " + Errno.name(errno));
        this.errno = Math.abs(errno);
    }

    public RbdError(String what, int errno, Throwable cause) {
        super(what + " failed: " + Errno.name(errno), cause);
        this.errno = Math.abs(errno);
    }

    /** With a message of its own (no librbd call failed). */
    protected RbdError(int errno, String message) {
        super(message);
        this.errno = Math.abs(errno);
    }

    /** The positive errno, e.g. 2 for ENOENT. */
    public int errno() {
        return errno;
    }

    /** The typed exception for an errno returned by librbd/librados. */
    public static RbdError of(String what, int errno, Throwable cause) {
        return switch (Math.abs(errno)) {
            case Errno.ENOENT -> new ImageNotFound(what, cause);
            case Errno.EBUSY -> new ImageBusy(what, cause);
            case Errno.ENOTEMPTY -> new ImageHasSnapshots(what, cause);
            case Errno.EEXIST -> new ImageExists(what, cause);
            case Errno.ETIMEDOUT -> new CephTimeout(what, cause);
            case Errno.EPERM, Errno.EACCES -> new PermissionDenied(what, Math.abs(errno), cause);
            default -> new RbdError(what, errno, cause);
        };
    }

    /** ENOENT: the image (or snapshot) does not exist ({@code rbd.ImageNotFound}). */
    public static final class ImageNotFound extends RbdError {
        private static final long serialVersionUID = 1L;

        public ImageNotFound(String what, Throwable cause) {
            super(what, Errno.ENOENT, cause);
        }
    }

    /** EBUSY: the image has watchers, e.g. a running guest ({@code rbd.ImageBusy}). */
    public static final class ImageBusy extends RbdError {
        private static final long serialVersionUID = 1L;

        public ImageBusy(String what, Throwable cause) {
            super(what, Errno.EBUSY, cause);
        }
    }

    /** ENOTEMPTY: the image still has snapshots ({@code rbd.ImageHasSnapshots}). */
    public static final class ImageHasSnapshots extends RbdError {
        private static final long serialVersionUID = 1L;

        public ImageHasSnapshots(String what, Throwable cause) {
            super(what, Errno.ENOTEMPTY, cause);
        }
    }

    /** EEXIST: the name is taken ({@code rbd.ImageExists}). */
    public static final class ImageExists extends RbdError {
        private static final long serialVersionUID = 1L;

        public ImageExists(String what, Throwable cause) {
            super(what, Errno.EEXIST, cause);
        }
    }

    /** EPERM/EACCES: cephx caps do not allow it (Nova maps {@code rbd.PermissionError} to Forbidden). */
    public static final class PermissionDenied extends RbdError {
        private static final long serialVersionUID = 1L;

        public PermissionDenied(String what, int errno, Throwable cause) {
            super(what, errno, cause);
        }
    }

    /**
     * ETIMEDOUT: the cluster did not answer within {@code rbd_connect_timeout} (connect) or the librados op
     * timeouts; thrown instead of hanging when monitors or OSDs are unreachable.
     */
    public static final class CephTimeout extends RbdError {
        private static final long serialVersionUID = 1L;

        public CephTimeout(String what, Throwable cause) {
            super(what, Errno.ETIMEDOUT, cause);
        }
    }

    /**
     * ESHUTDOWN: the connection (or the image, or the driver) was closed; no native call was made. Thrown
     * instead of calling into a freed librados client, which would abort the process.
     */
    public static final class ConnectionClosed extends RbdError {
        private static final long serialVersionUID = 1L;

        public ConnectionClosed(String message) {
            super(Errno.ESHUTDOWN, message);
        }
    }
}
