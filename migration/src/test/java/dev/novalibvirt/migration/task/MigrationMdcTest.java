package dev.novalibvirt.migration.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.migration.logging.MigrationMdc;
import dev.novalibvirt.migration.testlog.CapturingProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Every log line of a migration names its instance and migration, on every thread it uses; nothing leaks after. */
class MigrationMdcTest {
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final RecordingDriver a = new RecordingDriver("host-a", calls);
    private final RecordingDriver b = new RecordingDriver("host-b", calls);
    private final Instance instance =
            new Instance("0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b", "mdc-test", 128, 1, 1, "img");
    private final ExecutorService pooled = Executors.newSingleThreadExecutor(r -> new Thread(r, "pooled-task"));

    @BeforeEach
    void clearCapturedLinesAndStartThePoolsThread() throws Exception {
        CapturingProvider.clear();
        MDC.clear();
        // started with an empty context: SLF4J's basic MDC is inheritable, so a thread first started from inside
        // a migration would start with a copy of its keys (logback's is not inheritable)
        pooled.submit(() -> { }).get();
    }

    @AfterEach
    void stopPool() {
        pooled.shutdownNow();
        MDC.clear();
    }

    @Test
    void everyLineOfAFailedMigrationCarriesItsInstanceAndMigrationId() {
        a.liveMigrationThrows = new IllegalStateException("connection to host-a lost");
        AtomicReference<Map<String, String>> seenByDriver = new AtomicReference<>();
        a.duringLiveMigration = () -> seenByDriver.set(MDC.getCopyOfContextMap());

        LiveMigrationResult r = LiveMigrationTask.builder(a, b).executor(pooled).build().run(instance, null, null);

        Map<String, String> keys = Map.of(MigrationMdc.INSTANCE_UUID, instance.uuid(),
                MigrationMdc.MIGRATION_ID, r.migrationId());
        List<CapturingProvider.Line> lines = migrationLines();
        assertThat(lines).as("the task warns about the lost job and where the guest is").hasSizeGreaterThan(1);
        assertThat(lines).allSatisfy(l -> assertThat(l.mdc()).containsAllEntriesOf(keys));
        assertThat(lines).extracting(CapturingProvider.Line::thread).containsOnly("pooled-task");
        assertThat(seenByDriver.get()).containsAllEntriesOf(keys);
    }

    @Test
    void theCallersContextTravelsAlongAndNoThreadKeepsTheMigrationsKeys() throws Exception {
        MDC.put("request_id", "req-7");
        AtomicReference<Map<String, String>> seenByDriver = new AtomicReference<>();
        a.duringLiveMigration = () -> seenByDriver.set(MDC.getCopyOfContextMap());

        LiveMigrationTask.builder(a, b).executor(pooled).build().run(instance, null, null);

        assertThat(seenByDriver.get()).containsEntry("request_id", "req-7")
                .containsEntry(MigrationMdc.INSTANCE_UUID, instance.uuid());
        assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("request_id", "req-7"));
        Map<String, String> poolAfter = pooled.submit(MDC::getCopyOfContextMap).get();
        assertThat(poolAfter == null ? Map.of() : poolAfter).isEmpty();
    }

    @Test
    void theTimeoutsAbortLogsWithTheMigrationsKeysOnItsOwnThread() {
        a.migrationSucceeds = false;
        a.duringLiveMigration = () -> waitFor("host-a:abort"); // the job runs until the task's deadline aborts it

        LiveMigrationHandle h = LiveMigrationTask.builder(a, b).executor(pooled).timeout(Duration.ofMillis(50))
                .build().start(instance, null, null);
        h.await();

        List<CapturingProvider.Line> timeout = migrationLines().stream()
                .filter(l -> l.message().contains("exceeded its")).toList();
        assertThat(timeout).hasSize(1);
        assertThat(timeout.get(0).thread()).isNotEqualTo("pooled-task");
        assertThat(timeout.get(0).mdc()).containsEntry(MigrationMdc.INSTANCE_UUID, instance.uuid())
                .containsEntry(MigrationMdc.MIGRATION_ID, h.migrationId());
    }

    @Test
    void aPropagatedCallRunsWithTheSubmittersContextAndRestoresThePoolThreads() throws Exception {
        Map<String, String> inside = MigrationMdc.call(instance.uuid(), "m-1", () -> {
            try {
                return pooled.submit(MigrationMdc.propagatingCall(MDC::getCopyOfContextMap)).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside).containsEntry(MigrationMdc.MIGRATION_ID, "m-1");
        assertThat(MDC.get(MigrationMdc.MIGRATION_ID)).isNull();
        assertThat(pooled.submit(() -> MDC.get(MigrationMdc.MIGRATION_ID)).get()).isNull();
    }

    private static List<CapturingProvider.Line> migrationLines() {
        return CapturingProvider.lines().stream().filter(l -> l.logger().startsWith("dev.novalibvirt.migration"))
                .toList();
    }

    private void waitFor(String call) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!calls.contains(call) && System.nanoTime() < until) {
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
