package dev.novalibvirt.migration.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The monitor loop, one poll at a time, against a scripted source domain (Nova's MigrationMonitorTestCase). */
class LiveMigrationMonitorTest {
    private static final long MIB = 1L << 20;

    private final FakeGuest guest = new FakeGuest();
    private final FakeOperation op = new FakeOperation();
    private final FakeClock clock = new FakeClock();
    private final List<MigrationEvent> events = new ArrayList<>();

    private LiveMigrationMonitor monitor(MonitorSettings settings, boolean postCopy) {
        return new LiveMigrationMonitor(guest, op, settings, new MigrationFeatures(postCopy, false), 2.0, events::add,
                clock);
    }

    private static JobInfo running(long remainingMib, long iteration) {
        return JobInfo.builder(JobType.UNBOUNDED).memory(512 * MIB, (512 - remainingMib) * MIB, remainingMib * MIB)
                .memoryBps(100 * MIB).memoryIteration(iteration).build();
    }

    private Optional<MigrationOutcome> pollAfter(long ms) {
        clock.advanceMs(ms);
        return monitor.poll();
    }

    private LiveMigrationMonitor monitor;

    @Test
    void aMigrationThatCompletesReportsDowntimeTimeAndData() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        guest.then(running(400, 1), running(100, 2), JobInfo.builder(JobType.COMPLETED).downtimeMs(56)
                .timeElapsedMs(679).data(0, 97 * MIB, 0).build());
        assertThat(pollAfter(500)).isEmpty();
        assertThat(pollAfter(500)).isEmpty();
        Optional<MigrationOutcome> end = pollAfter(500);

        assertThat(end).containsInstanceOf(MigrationOutcome.Completed.class);
        MigrationEvent.Completed done = ((MigrationOutcome.Completed) end.get()).event();
        assertThat(done.downtimeMs()).isEqualTo(56);
        assertThat(done.totalTimeMs()).isEqualTo(679);
        assertThat(done.dataBytes()).isEqualTo(97 * MIB);
        assertThat(events.get(0)).isInstanceOf(MigrationEvent.Started.class);
        assertThat(events).last().isInstanceOf(MigrationEvent.Completed.class);
        assertThat(events).filteredOn(MigrationEvent.Progress.class::isInstance).hasSize(2);
        MigrationEvent.Progress first = (MigrationEvent.Progress) events.stream()
                .filter(MigrationEvent.Progress.class::isInstance).findFirst().orElseThrow();
        assertThat(first.memoryRemaining()).isEqualTo(400 * MIB);
        assertThat(first.percent()).isEqualTo(22);
        assertThat(monitor.outcome()).isEqualTo(end);
        assertThat(end.get().novaStatus()).isEqualTo("completed");
    }

    @Test
    void noJobBeforeTheMigrateCallReturnsMeansNotStartedYet() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        assertThat(pollAfter(500)).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void noJobAfterTheCallWhileTheGuestStillRunsIsAFailure() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        op.done = true;
        op.failure = "unable to connect to server";
        Optional<MigrationOutcome> end = pollAfter(500);
        assertThat(end).contains(new MigrationOutcome.Failed("unable to connect to server"));
        assertThat(end.get().novaStatus()).isEqualTo("failed");
    }

    @Test
    void noJobAfterTheCallWithTheDomainGoneIsACompletion() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        op.done = true;
        guest.state = GuestState.GONE;
        assertThat(pollAfter(500)).containsInstanceOf(MigrationOutcome.Completed.class);
    }

    @Test
    void noJobAfterTheCallWithTheDomainShutOffIsACompletion() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        op.done = true;
        guest.state = GuestState.SHUTOFF;
        assertThat(pollAfter(500)).containsInstanceOf(MigrationOutcome.Completed.class);
    }

    @Test
    void noJobAndAnUnreadableStateIsAFailure() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        op.done = true;
        guest.failStateLookup = true;
        assertThat(pollAfter(500)).containsInstanceOf(MigrationOutcome.Failed.class);
    }

    @Test
    void aFailedJobFailsWithLibvirtsMessage() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        guest.then(running(400, 1), JobInfo.builder(JobType.FAILED).errorMessage("migration job: unexpectedly failed").build());
        pollAfter(500);
        assertThat(pollAfter(500)).contains(new MigrationOutcome.Failed("migration job: unexpectedly failed"));
        assertThat(events).last().isEqualTo(new MigrationEvent.Failed("guest-1", 1000, "migration job: unexpectedly failed"));
    }

    @Test
    void abortCancelsTheJobAndTheMonitorEndsCancelled() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        guest.then(running(400, 1));
        pollAfter(500);
        assertThat(monitor.abort()).isTrue();
        Optional<MigrationOutcome> end = pollAfter(500);
        assertThat(end).contains(new MigrationOutcome.Cancelled("aborted"));
        assertThat(end.get().novaStatus()).isEqualTo("cancelled");
        assertThat(guest.calls).contains("abortJob");
        assertThat(monitor.abort()).isFalse();
        assertThat(monitor.requestForceComplete()).isFalse();
    }

    @Test
    void anAbortedJobThatLibvirtReportsFailedIsStillCancelled() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        guest.then(running(400, 1));
        pollAfter(500);
        monitor.abort();
        guest.then(JobInfo.of(JobType.FAILED));
        assertThat(pollAfter(500)).contains(new MigrationOutcome.Cancelled("aborted"));
    }

    @Test
    void forceCompleteWithPostCopySwitchesOnceAndTheGuestKeepsRunning() {
        monitor = monitor(MonitorSettings.novaDefaults().withPermitPostCopy(true), true);
        guest.then(running(400, 1));
        pollAfter(500);
        assertThat(monitor.requestForceComplete()).isTrue();
        pollAfter(500);
        assertThat(monitor.isPostCopy()).isTrue();
        monitor.requestForceComplete();
        pollAfter(500);
        assertThat(guest.calls).containsOnlyOnce("startPostCopy").doesNotContain("pause");
        assertThat(events).filteredOn(MigrationEvent.PostCopySwitched.class::isInstance).hasSize(1);
    }

    @Test
    void aFailedPostCopySwitchLeavesTheStatusRunning() {
        monitor = monitor(MonitorSettings.novaDefaults().withPermitPostCopy(true), true);
        guest.failPostCopy = true;
        guest.then(running(400, 1));
        monitor.requestForceComplete();
        pollAfter(500);
        assertThat(monitor.isPostCopy()).isFalse();
        assertThat(events).noneMatch(MigrationEvent.PostCopySwitched.class::isInstance);
    }

    @Test
    void forceCompleteWithoutPostCopyPausesAndAFailureResumes() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        guest.then(running(400, 1));
        pollAfter(500);
        monitor.requestForceComplete();
        pollAfter(500);
        assertThat(guest.calls).contains("pause");
        assertThat(events).anyMatch(MigrationEvent.Paused.class::isInstance);
        guest.then(JobInfo.of(JobType.FAILED));
        assertThat(pollAfter(500)).containsInstanceOf(MigrationOutcome.Failed.class);
        assertThat(guest.calls).endsWith("resume");
        assertThat(guest.state).isEqualTo(GuestState.RUNNING);
    }

    @Test
    void aForceCompleteThatArrivesBeforeQemusTransferBeginsWaitsForItSoTheDestinationIsNotStartedPaused() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        guest.then(JobInfo.of(JobType.UNBOUNDED), JobInfo.of(JobType.UNBOUNDED), running(400, 1));
        assertThat(monitor.requestForceComplete()).isTrue();
        pollAfter(500);
        pollAfter(500);
        assertThat(guest.calls).as("libvirt may still be in its Begin/Prepare phases").doesNotContain("pause");
        pollAfter(500);
        assertThat(guest.calls).containsOnlyOnce("pause");
    }

    @Test
    void aGuestThatIsNoLongerPausedIsNotResumed() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        guest.then(running(400, 1));
        monitor.requestForceComplete();
        pollAfter(500);
        guest.state = GuestState.RUNNING;
        guest.then(JobInfo.of(JobType.CANCELLED));
        pollAfter(500);
        assertThat(guest.calls).doesNotContain("resume");
    }

    @Test
    void downtimeFollowsNovasStepsByElapsedTime() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        guest.then(running(400, 1));
        pollAfter(500);
        assertThat(guest.callsStartingWith("setMaxDowntime")).containsExactly("setMaxDowntime 50");
        pollAfter(500);
        assertThat(guest.callsStartingWith("setMaxDowntime")).hasSize(1);
        clock.advanceSec(150);
        monitor.poll();
        assertThat(guest.callsStartingWith("setMaxDowntime")).containsExactly("setMaxDowntime 50", "setMaxDowntime 95");
        assertThat(events).filteredOn(MigrationEvent.DowntimeChanged.class::isInstance)
                .extracting(e -> ((MigrationEvent.DowntimeChanged) e).downtimeMs()).containsExactly(50, 95);
    }

    @Test
    void aDowntimeThatCannotBeSetIsLoggedAndNotRetried() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        guest.failSetDowntime = true;
        guest.then(running(400, 1));
        pollAfter(500);
        pollAfter(500);
        assertThat(guest.callsStartingWith("setMaxDowntime")).containsExactly("setMaxDowntime 50");
    }

    @Test
    void completionTimeoutAbortsByDefault() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        assertThat(monitor.completionTimeoutSeconds()).isEqualTo(1600);
        guest.then(running(400, 1));
        pollAfter(500);
        clock.advanceSec(1600);
        monitor.poll();
        assertThat(guest.calls).contains("abortJob");
        assertThat(pollAfter(500)).containsInstanceOf(MigrationOutcome.Cancelled.class);
    }

    @Test
    void completionTimeoutWithForceCompleteSwitchesToPostCopy() {
        monitor = monitor(MonitorSettings.novaDefaults().withPermitPostCopy(true)
                .withCompletionTimeout(800, TimeoutAction.FORCE_COMPLETE), true);
        guest.then(running(400, 1));
        pollAfter(500);
        clock.advanceSec(1601);
        monitor.poll();
        assertThat(guest.calls).contains("startPostCopy").doesNotContain("abortJob");
    }

    @Test
    void completionTimeoutWithForceCompleteAndNoPostCopyPausesOnce() {
        monitor = monitor(MonitorSettings.novaDefaults().withCompletionTimeout(800, TimeoutAction.FORCE_COMPLETE), false);
        guest.then(running(400, 1));
        clock.advanceSec(1601);
        monitor.poll();
        pollAfter(500);
        assertThat(guest.calls).containsOnlyOnce("pause");
    }

    @Test
    void aZeroCompletionTimeoutNeverFires() {
        monitor = monitor(MonitorSettings.novaDefaults().withCompletionTimeout(0, TimeoutAction.ABORT), false);
        guest.then(running(400, 1));
        clock.advanceSec(100_000);
        monitor.poll();
        assertThat(guest.calls).doesNotContain("abortJob");
    }

    @Test
    void noTimeoutActionOncePostCopyRuns() {
        monitor = monitor(MonitorSettings.novaDefaults().withPermitPostCopy(true), true);
        guest.then(running(400, 1));
        monitor.requestForceComplete();
        pollAfter(500);
        clock.advanceSec(5000);
        monitor.poll();
        assertThat(guest.calls).doesNotContain("abortJob");
    }

    @Test
    void aThrowingListenerDoesNotBreakTheMigration() {
        monitor = new LiveMigrationMonitor(guest, op, MonitorSettings.novaDefaults(), new MigrationFeatures(false, false),
                2.0, e -> { throw new IllegalStateException("listener bug"); }, clock);
        guest.then(running(400, 1), JobInfo.of(JobType.COMPLETED));
        pollAfter(500);
        assertThat(pollAfter(500)).containsInstanceOf(MigrationOutcome.Completed.class);
    }

    @Test
    void progressIsReportedEveryStatsIntervalAndAtEachIteration() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        guest.then(running(400, 1), running(390, 1), running(380, 1), running(100, 2));
        pollAfter(500);
        pollAfter(1000);
        pollAfter(4500);
        pollAfter(500);
        assertThat(events).filteredOn(MigrationEvent.Progress.class::isInstance)
                .extracting(e -> ((MigrationEvent.Progress) e).memoryRemaining() / MIB).containsExactly(400L, 380L, 100L);
    }

    /** Issue 11: an abort before libvirt has created the job is held (libvirt would refuse it) and sent once it runs. */
    @Test
    void anAbortBeforeLibvirtsJobExistsIsSentAsSoonAsTheJobRuns() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        assertThat(pollAfter(500)).as("no job yet: the migrate call is starting").isEmpty();
        guest.noJobYet = 1;
        assertThat(monitor.abort()).as("libvirt has no job yet: held, not refused").isTrue();
        guest.then(running(400, 1), JobInfo.of(JobType.CANCELLED));
        assertThat(pollAfter(500)).isEmpty();
        assertThat(guest.calls).as("refused once (no job), sent again once the job runs")
                .filteredOn("abortJob"::equals).hasSize(2);
        assertThat(pollAfter(500)).contains(new MigrationOutcome.Cancelled("aborted"));
    }

    /** Issue 11: an abort libvirt refused must not turn the job's later failure into "cancelled". */
    @Test
    void anAbortThatLibvirtRefusesLeavesALaterFailureAFailure() {
        monitor = monitor(MonitorSettings.novaDefaults(), false);
        guest.then(running(400, 1), JobInfo.builder(JobType.FAILED).errorMessage("unexpectedly failed").build());
        guest.failAbort = true;
        assertThat(pollAfter(0)).isEmpty();
        assertThatThrownBy(monitor::abort).isInstanceOf(MigrationGuestException.class);
        assertThat(pollAfter(500)).get().isInstanceOf(MigrationOutcome.Failed.class);
    }
}
