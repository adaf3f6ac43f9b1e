package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** max_concurrent_live_migrations: a migration beyond the limit waits its turn, and an abort ends its wait. */
class MigrationSlotsTest {
    @Test
    void withOneSlotTheSecondWaitsUntilTheFirstEnds() throws Exception {
        MigrationSlots slots = new MigrationSlots(1);
        assertThat(slots.acquire(() -> false)).isTrue();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> acquire(slots, new AtomicBoolean()));
        Thread.sleep(300);
        assertThat(second).as("queued behind the first").isNotDone();
        slots.release();
        assertThat(second.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anAbortWhileQueuedEndsTheWaitWithoutASlot() throws Exception {
        MigrationSlots slots = new MigrationSlots(1);
        slots.acquire(() -> false);
        AtomicBoolean aborted = new AtomicBoolean();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> acquire(slots, aborted));
        aborted.set(true);
        assertThat(second.get(5, TimeUnit.SECONDS)).isFalse();
        slots.release();
        assertThat(slots.acquire(() -> false)).as("the aborted one took no slot").isTrue();
    }

    @Test
    void zeroIsUnlimited() throws Exception {
        MigrationSlots slots = new MigrationSlots(0);
        for (int i = 0; i < 50; i++) {
            assertThat(slots.acquire(() -> false)).isTrue();
        }
    }

    private static boolean acquire(MigrationSlots slots, AtomicBoolean aborted) {
        try {
            return slots.acquire(aborted::get);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
