package dev.novalibvirt.migration.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.DestinationDiskExists;
import dev.novalibvirt.core.exception.InvalidHostname;
import dev.novalibvirt.core.exception.InvalidSharedStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The conductor + compute-manager order of calls, with fake drivers (the real proof is the lab IT). */
class LiveMigrationTaskTest {
    private final List<String> journal = new ArrayList<>();
    private final RecordingDriver a = new RecordingDriver("host-a", journal);
    private final RecordingDriver b = new RecordingDriver("host-b", journal);
    private final List<StepReport> reports = new ArrayList<>();
    private final LiveMigrationListener listener = LiveMigrationListener.onStepFinished(reports::add);
    private final Instance instance =
            new Instance("0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b", "contract-test", 128, 1, 1, "img");

    private LiveMigrationResult migrate() {
        return LiveMigrationTask.builder(a, b).listener(listener).build().run(instance, null, null);
    }

    @Test
    void successRunsNovasOrderAndCleansTheSourceWithoutDestroyingDisks() {
        LiveMigrationResult r = migrate();
        assertThat(r.completed()).isTrue();
        assertThat(journal).containsExactly("host-b:checkDestination", "host-a:checkSource",
                "host-b:cleanupDestinationCheck", "host-b:pre", "host-a:liveMigration->host-b", "host-a:post",
                "host-a:postAtSource", "host-a:cleanup", "host-b:postAtDestination");
        assertThat(a.lastDestroyDisks).isFalse();
        assertThat(reports).extracting(StepReport::step).startsWith(Step.CHECK_COMPATIBLE_HYPERVISOR)
                .endsWith(Step.POST_LIVE_MIGRATION_AT_DESTINATION);
        assertThat(reports).allMatch(StepReport::succeeded);
    }

    @Test
    void withoutAListenerTheTaskRunsTheSameSteps() {
        assertThat(LiveMigrationTask.builder(a, b).build().run(instance, null, null).steps())
                .extracting(StepReport::step).startsWith(Step.CHECK_COMPATIBLE_HYPERVISOR)
                .endsWith(Step.POST_LIVE_MIGRATION_AT_DESTINATION);
    }

    @Test
    void sharedInstancePathSkipsSourceCleanup() {
        a.sharedPath = true;
        assertThat(migrate().completed()).isTrue();
        assertThat(journal).doesNotContain("host-a:cleanup");
    }

    @Test
    void failedMigrationRollsBackSourceThenDestination() {
        a.migrationSucceeds = false;
        LiveMigrationResult r = migrate();
        assertThat(r.completed()).isFalse();
        assertThat(r.status()).isEqualTo(MigrationStatus.FAILED);
        assertThat(r.outcome()).isEqualTo(new LiveMigrationOutcome.RolledBack("host-a",
                MigrationStatus.FAILED, PowerState.RUNNING, ""));
        assertThat(journal).endsWith("host-a:liveMigration->host-b", "host-a:rollbackAtSource",
                "host-b:rollbackAtDestination");
        assertThat(b.lastDestroyDisks).isFalse();
    }

    @Test
    void refusedSourceCheckStillRemovesTheDestinationTestFile() {
        a.failSourceCheck = new InvalidSharedStorage("no shared storage");
        assertThatThrownBy(this::migrate).isInstanceOf(InvalidSharedStorage.class);
        assertThat(journal).containsExactly("host-b:checkDestination", "host-a:checkSource",
                "host-b:cleanupDestinationCheck");
    }

    @Test
    void failedPreLiveMigrationIsNotRolledBackOverTheExistingDirectory() {
        b.failPre = new DestinationDiskExists(Path.of("/srv/b/instances/x"));
        assertThatThrownBy(this::migrate).isInstanceOf(DestinationDiskExists.class);
        assertThat(journal).last().isEqualTo("host-b:pre");
        assertThat(reports).last().extracting(StepReport::succeeded).isEqualTo(false);
    }

    @Test
    void invalidDestinationHostIsRefusedBeforeAnyCall() {
        RecordingDriver evil = new RecordingDriver("host-b;reboot", journal);
        assertThatThrownBy(() -> LiveMigrationTask.builder(a, evil).listener(listener).build().run(instance, null, null))
                .isInstanceOf(InvalidHostname.class);
        assertThat(journal).isEmpty();
    }

    /**
     * Nova's test_post_live_migration_unplug_with_stashed_source_vifs (test_compute_mgr.py), the part that applies:
     * post_live_migration_at_source unplugged the VIFs, so cleanup is called with destroy_vifs=False.
     */
    @Test
    void test_post_live_migration_unplug_with_stashed_source_vifs() {
        assertThat(migrate().completed()).isTrue();
        assertThat(journal).containsSubsequence("host-a:postAtSource", "host-a:cleanup");
        assertThat(a.lastDestroyVifs).isFalse();
        assertThat(a.lastDestroyDisks).isFalse();
    }

    @Test
    void aSourceWithoutPostLiveMigrationAtSourceLeavesTheVifsToCleanup() {
        a.postAtSourceUnsupported = true;
        assertThat(migrate().completed()).isTrue();
        assertThat(a.lastDestroyVifs).isTrue();
        assertThat(reports).allMatch(StepReport::succeeded);
    }

    @Test
    void tasksPerDestinationShareTheSettingsAsTheyWereWhenAskedFor() {
        RecordingDriver c = new RecordingDriver("host-c", journal);
        LiveMigrationTask.Builder settings = LiveMigrationTask.fromSource(a).listener(listener)
                .timeout(Duration.ofMinutes(5));
        Function<ComputeDriver, LiveMigrationTask> tasks = settings.perDestination();
        settings.timeout(Duration.ofMinutes(1));

        assertThat(tasks.apply(b).options().timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(tasks.apply(c).run(instance, null, null).completed()).isTrue();
        assertThat(journal).contains("host-c:pre", "host-a:liveMigration->host-c").doesNotContain("host-b:pre");
        assertThat(reports).isNotEmpty();
    }

    @Test
    void aBuilderFromTheSourceAloneHasNoDestinationToBuildFor() {
        assertThatThrownBy(() -> LiveMigrationTask.fromSource(a).build()).isInstanceOf(NullPointerException.class)
                .hasMessage("destination");
    }
}
