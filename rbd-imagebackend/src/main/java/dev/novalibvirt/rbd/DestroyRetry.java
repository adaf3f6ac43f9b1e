package dev.novalibvirt.rbd;

import dev.novalibvirt.rbd.rados.RbdError;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nova's {@code rbd_utils.RBDDriver._destroy_volume} schedule: try to remove; on "busy" (a watcher, e.g. a
 * QEMU that is still shutting down) wait and retry; on "has snapshots" remove Nova's resize snapshot and
 * retry; after the last attempt, one final try whose error propagates. Bounded by
 * {@code rbd_destroy_volume_retries} x {@code rbd_destroy_volume_retry_interval}.
 */
public final class DestroyRetry {

    private static final Logger LOG = LoggerFactory.getLogger(DestroyRetry.class);

    /** Nova's {@code libvirt_utils.RESIZE_SNAPSHOT_NAME}. */
    public static final String RESIZE_SNAPSHOT_NAME = "nova-resize";

    /** The operations the schedule drives. */
    public interface Volume {
        /** Removes the image. */
        void remove();

        /** Removes (unprotecting if needed) a snapshot, ignoring a missing one. */
        void removeSnapshot(String snapshot);
    }

    /** How to wait between attempts (injected: tests do not sleep). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final int retries;
    private final Duration interval;
    private final Sleeper sleeper;

    public DestroyRetry(int retries, Duration interval, Sleeper sleeper) {
        if (retries < 1) {
            throw new IllegalArgumentException("retries must be >= 1");
        }
        this.retries = retries;
        this.interval = Objects.requireNonNull(interval, "interval");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Removes the volume.
     *
     * @return true if this call removed it, false if it did not exist
     * @throws RbdError the error of the final attempt (e.g. {@link RbdError.ImageBusy})
     */
    public boolean destroy(String name, Volume volume) {
        for (int attempt = 1; attempt <= retries; attempt++) {
            try {
                volume.remove();
                return true;
            } catch (RbdError.ImageNotFound e) {
                return false;
            } catch (RbdError.ImageHasSnapshots e) {
                LOG.info("rbd image {} has snapshots; removing {} and retrying", name, RESIZE_SNAPSHOT_NAME);
                volume.removeSnapshot(RESIZE_SNAPSHOT_NAME);
            } catch (RbdError.ImageBusy e) {
                LOG.warn("rbd image {} is busy (attempt {}/{}); retrying in {}", name, attempt, retries, interval);
            }
            try {
                sleeper.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            volume.remove();
            return true;
        } catch (RbdError.ImageNotFound e) {
            return false;
        }
    }
}
