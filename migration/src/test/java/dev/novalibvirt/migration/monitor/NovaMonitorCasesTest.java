package dev.novalibvirt.migration.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Nova's MigrationMonitorTestCase (nova/tests/unit/virt/libvirt/test_migration.py): {@code find_job_type},
 * {@code should_trigger_timeout_action}, {@code update_downtime}, {@code run_tasks}, {@code run_recover_tasks} and
 * {@code downtime_steps}, one method per Nova test, named after it. Nova calls those helpers one by one; here they
 * are reached through {@link LiveMigrationMonitor#poll()}, or {@link DowntimeSchedule} for the step choice. Cases
 * that queue an unknown task ("wibble") do not apply: the monitor's API cannot queue one.
 */
class NovaMonitorCasesTest {
    private static final long MIB = 1L << 20;
    private static final List<DowntimeStep> NOVA_STEPS = List.of(new DowntimeStep(9000, 50),
            new DowntimeStep(18000, 200));

    private final FakeGuest guest = new FakeGuest();
    private final FakeOperation op = new FakeOperation();
    private final FakeClock clock = new FakeClock();
    private LiveMigrationMonitor monitor;

    private void start(MonitorSettings settings, boolean postCopy) {
        monitor = new LiveMigrationMonitor(guest, op, settings, new MigrationFeatures(postCopy, false), 2.0, null,
                clock);
    }

    private static JobInfo running() {
        return JobInfo.builder(JobType.UNBOUNDED).memory(512 * MIB, 112 * MIB, 400 * MIB).memoryBps(100 * MIB)
                .memoryIteration(1).build();
    }

    private Optional<MigrationOutcome> pollAfterMs(long ms) {
        clock.advanceMs(ms);
        return monitor.poll();
    }

    // ---------------------------------------------------------------- find_job_type (no job once the call returned)

    @Test
    void test_live_migration_find_type_active() {
        start(MonitorSettings.novaDefaults(), false);
        op.done = true;
        guest.state = GuestState.RUNNING;
        assertThat(pollAfterMs(500)).containsInstanceOf(MigrationOutcome.Failed.class);
    }

    @Test
    void test_live_migration_find_type_inactive() {
        start(MonitorSettings.novaDefaults(), false);
        op.done = true;
        guest.state = GuestState.SHUTOFF;
        assertThat(pollAfterMs(500)).containsInstanceOf(MigrationOutcome.Completed.class);
    }

    @Test
    void test_live_migration_find_type_no_domain() {
        start(MonitorSettings.novaDefaults(), false);
        op.done = true;
        guest.state = GuestState.GONE;
        assertThat(pollAfterMs(500)).containsInstanceOf(MigrationOutcome.Completed.class);
    }

    @Test
    void test_live_migration_find_type_bad_err() {
        start(MonitorSettings.novaDefaults(), false);
        op.done = true;
        guest.failStateLookup = true;
        assertThat(pollAfterMs(500)).containsInstanceOf(MigrationOutcome.Failed.class);
    }

    // ---------------------------------------------------------------- should_trigger_timeout_action

    @Test
    void test_live_migration_abort_too_long() { // elapsed 4500 s, completion timeout 2000 s
        start(MonitorSettings.novaDefaults().withCompletionTimeout(1000, TimeoutAction.ABORT), false);
        guest.then(running());
        clock.advanceSec(4500);
        monitor.poll();
        assertThat(guest.calls).contains("abortJob");
    }

    @Test
    void test_live_migration_abort_no_comp_timeout() { // completion timeout 0 disables the action
        start(MonitorSettings.novaDefaults().withCompletionTimeout(0, TimeoutAction.ABORT), false);
        guest.then(running());
        clock.advanceSec(4500);
        monitor.poll();
        assertThat(guest.calls).doesNotContain("abortJob");
    }

    @Test
    void test_live_migration_abort_still_working() { // elapsed 4500 s, completion timeout 9000 s
        start(MonitorSettings.novaDefaults().withCompletionTimeout(4500, TimeoutAction.ABORT), false);
        guest.then(running());
        clock.advanceSec(4500);
        monitor.poll();
        assertThat(guest.calls).doesNotContain("abortJob");
    }

    // ---------------------------------------------------------------- update_downtime

    @Test
    void test_live_migration_update_downtime_no_steps() {
        assertThat(DowntimeSchedule.ofSteps(List.of()).stepAt(5000)).isEmpty();
    }

    @Test
    void test_live_migration_update_downtime_too_early() {
        assertThat(DowntimeSchedule.ofSteps(NOVA_STEPS).stepAt(5000)).isEmpty();
    }

    @Test
    void test_live_migration_update_downtime_step1() {
        assertThat(DowntimeSchedule.ofSteps(NOVA_STEPS).stepAt(11000)).contains(new DowntimeStep(9000, 50));
        // Through the monitor (Nova's default steps at 2 GiB): the first step is set once.
        start(MonitorSettings.novaDefaults(), false);
        guest.then(running());
        pollAfterMs(500);
        assertThat(guest.callsStartingWith("setMaxDowntime")).containsExactly("setMaxDowntime 50");
    }

    @Test
    void test_live_migration_update_downtime_nostep1() { // already at this step's value: no call
        start(MonitorSettings.novaDefaults(), false);
        guest.then(running());
        pollAfterMs(500);
        pollAfterMs(500);
        pollAfterMs(500);
        assertThat(guest.callsStartingWith("setMaxDowntime")).containsExactly("setMaxDowntime 50");
    }

    @Test
    void test_live_migration_update_downtime_step2() {
        assertThat(DowntimeSchedule.ofSteps(NOVA_STEPS).stepAt(22000)).contains(new DowntimeStep(18000, 200));
        start(MonitorSettings.novaDefaults(), false);
        guest.then(running());
        pollAfterMs(500);
        clock.advanceSec(151); // past the second step (150 s at 2 GiB)
        monitor.poll();
        assertThat(guest.callsStartingWith("setMaxDowntime")).containsExactly("setMaxDowntime 50",
                "setMaxDowntime 95");
    }

    @Test
    void test_live_migration_update_downtime_err() { // the failed value counts as set; the migration goes on
        start(MonitorSettings.novaDefaults(), false);
        guest.failSetDowntime = true;
        guest.then(running());
        assertThat(pollAfterMs(500)).isEmpty();
        assertThat(pollAfterMs(500)).isEmpty();
        assertThat(guest.callsStartingWith("setMaxDowntime")).containsExactly("setMaxDowntime 50");
    }

    // ---------------------------------------------------------------- run_tasks

    @Test
    void test_live_migration_run_tasks_empty_tasks() {
        start(MonitorSettings.novaDefaults(), false);
        guest.then(running());
        pollAfterMs(500);
        assertThat(guest.calls).doesNotContain("pause", "startPostCopy");
        guest.then(JobInfo.of(JobType.FAILED));
        pollAfterMs(500);
        assertThat(guest.calls).doesNotContain("resume"); // nothing queued for on_migration_failure
    }

    @Test
    void test_live_migration_run_tasks_no_tasks() { // no job yet, nothing requested
        start(MonitorSettings.novaDefaults(), false);
        assertThat(pollAfterMs(500)).isEmpty();
        assertThat(guest.calls).doesNotContain("pause", "startPostCopy");
    }

    @Test
    void test_live_migration_run_tasks_force_complete() {
        start(MonitorSettings.novaDefaults(), false);
        guest.then(running());
        monitor.requestForceComplete();
        pollAfterMs(500);
        assertThat(guest.calls).containsOnlyOnce("pause").doesNotContain("startPostCopy");
    }

    @Test
    void test_live_migration_run_tasks_force_complete_postcopy_running() {
        start(MonitorSettings.novaDefaults().withPermitPostCopy(true), true);
        guest.then(running());
        monitor.requestForceComplete();
        pollAfterMs(500);
        assertThat(monitor.isPostCopy()).isTrue();
        monitor.requestForceComplete();
        pollAfterMs(500);
        assertThat(guest.calls).containsOnlyOnce("startPostCopy").doesNotContain("pause");
    }

    @Test
    void test_live_migration_run_tasks_force_complete_postcopy() {
        start(MonitorSettings.novaDefaults().withPermitPostCopy(true), true);
        guest.then(running());
        monitor.requestForceComplete();
        pollAfterMs(500);
        assertThat(guest.calls).containsOnlyOnce("startPostCopy").doesNotContain("pause");
        guest.then(JobInfo.of(JobType.FAILED));
        pollAfterMs(500);
        assertThat(guest.calls).doesNotContain("resume"); // post-copy queues no "unpause"
    }

    // ---------------------------------------------------------------- run_recover_tasks

    @Test
    void test_live_migration_recover_tasks_resume() {
        start(MonitorSettings.novaDefaults(), false);
        guest.then(running());
        monitor.requestForceComplete();
        pollAfterMs(500);
        assertThat(guest.state).isEqualTo(GuestState.PAUSED);
        guest.then(JobInfo.of(JobType.FAILED));
        pollAfterMs(500);
        assertThat(guest.calls).endsWith("resume");
    }

    @Test
    void test_live_migration_recover_tasks_no_resume() { // "unpause" queued, but the guest runs again
        start(MonitorSettings.novaDefaults(), false);
        guest.then(running());
        monitor.requestForceComplete();
        pollAfterMs(500);
        guest.state = GuestState.RUNNING;
        guest.then(JobInfo.of(JobType.FAILED));
        pollAfterMs(500);
        assertThat(guest.calls).doesNotContain("resume");
    }

    @Test
    void test_live_migration_recover_tasks_empty_tasks() {
        start(MonitorSettings.novaDefaults(), false);
        guest.then(running());
        pollAfterMs(500);
        guest.state = GuestState.PAUSED;
        guest.then(JobInfo.of(JobType.CANCELLED));
        pollAfterMs(500);
        assertThat(guest.calls).doesNotContain("resume"); // paused by someone else: not ours to resume
    }

    // ---------------------------------------------------------------- downtime_steps

    @Test
    void test_live_migration_downtime_steps() {
        assertThat(DowntimeSchedule.of(400, 10, 30, 3.0).steps()).containsExactly(new DowntimeStep(0, 40),
                new DowntimeStep(90, 76), new DowntimeStep(180, 112), new DowntimeStep(270, 148),
                new DowntimeStep(360, 184), new DowntimeStep(450, 220), new DowntimeStep(540, 256),
                new DowntimeStep(630, 292), new DowntimeStep(720, 328), new DowntimeStep(810, 364),
                new DowntimeStep(900, 400));
    }
}
