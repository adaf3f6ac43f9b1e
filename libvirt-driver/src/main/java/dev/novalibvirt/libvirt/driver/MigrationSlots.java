package dev.novalibvirt.libvirt.driver;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code [DEFAULT] max_concurrent_live_migrations} enforced by the driver itself: Nova's compute manager queues
 * {@code _do_live_migration} on an executor of that size; here each {@code live_migration} call waits, in arrival
 * order, for a slot (0 = unlimited). A waiting migration is Nova's {@code queued} one: an abort ends its wait
 * without touching libvirt.
 */
final class MigrationSlots {
    /** How often a waiting migration looks whether it was aborted. */
    private static final Duration ABORT_CHECK = Duration.ofMillis(100);

    private final int max;
    private final Semaphore slots;

    MigrationSlots(int maxConcurrent) {
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException("max_concurrent_live_migrations must be >= 0, got " + maxConcurrent);
        }
        this.max = maxConcurrent;
        this.slots = maxConcurrent == 0 ? null : new Semaphore(maxConcurrent, true); // fair: first come, first run
    }

    int max() {
        return max;
    }

    /**
     * Waits for a slot; false (and no slot taken) when {@code abandoned} turns true first.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean acquire(BooleanSupplier abandoned) throws InterruptedException {
        if (slots == null) {
            return !abandoned.getAsBoolean();
        }
        while (!slots.tryAcquire(ABORT_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
            if (abandoned.getAsBoolean()) {
                return false;
            }
        }
        if (abandoned.getAsBoolean()) {
            slots.release();
            return false;
        }
        return true;
    }

    void release() {
        if (slots != null) {
            slots.release();
        }
    }

    /** Migrations waiting for a slot now (an estimate, for logs). */
    int waiting() {
        return slots == null ? 0 : slots.getQueueLength();
    }
}
