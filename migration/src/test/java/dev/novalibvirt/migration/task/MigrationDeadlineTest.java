package dev.novalibvirt.migration.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.Instance;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The task's own deadline ({@code timeout}) goes with its migration: a migration that ended before it is not kept
 * reachable for the rest of the timeout. A controller that migrates many guests with a long timeout (a drain, the
 * back-and-forth soak) would otherwise hold every finished migration's handle, result and steps until each deadline.
 */
class MigrationDeadlineTest {
    // the timeout's abort and the migration's thread both write it
    private final List<String> journal = new CopyOnWriteArrayList<>();
    private final RecordingDriver a = new RecordingDriver("host-a", journal);
    private final RecordingDriver b = new RecordingDriver("host-b", journal);
    private final Instance instance =
            new Instance("0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b", "contract-test", 128, 1, 1, "img");

    @Test
    void aMigrationThatEndedLongBeforeItsTimeoutIsNotHeldByTheTimeout() throws Exception {
        WeakReference<LiveMigrationHandle> finished = migrateWithAnHourToSpare();

        for (int i = 0; i < 50 && finished.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(finished.get()).as("the finished migration's handle, after GC, 59 minutes before its deadline")
                .isNull();
    }

    @Test
    void aMigrationStillRunningAtItsTimeoutIsAbortedByIt() {
        a.migrationSucceeds = false;
        a.duringLiveMigration = () -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!journal.contains("host-a:abort") && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        };

        LiveMigrationResult r = LiveMigrationTask.builder(a, b).timeout(Duration.ofMillis(50)).build()
                .run(instance, null, null);

        assertThat(journal).contains("host-a:abort");
        assertThat(r.completed()).isFalse();
    }

    /** In a method of its own, so that no local variable of the test keeps the handle. */
    private WeakReference<LiveMigrationHandle> migrateWithAnHourToSpare() {
        LiveMigrationHandle handle = LiveMigrationTask.builder(a, b).timeout(Duration.ofHours(1)).build()
                .start(instance, null, null);
        assertThat(handle.await().completed()).isTrue();
        return new WeakReference<>(handle);
    }
}
