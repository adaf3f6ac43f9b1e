package dev.novalibvirt.migration.monitor;

import static dev.novalibvirt.migration.monitor.LostSourceVerdict.Kind.COMPLETED;
import static dev.novalibvirt.migration.monitor.LostSourceVerdict.Kind.CONTINUE;
import static dev.novalibvirt.migration.monitor.LostSourceVerdict.Kind.FAILED;
import static dev.novalibvirt.migration.monitor.LostSourceVerdict.Kind.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the hosts say after the source libvirtd came back, and what the monitor concludes: the whole table. */
class LostSourceVerdictTest {
    private static final Optional<GuestState> THERE = Optional.of(GuestState.RUNNING);
    private static final Optional<GuestState> PAUSED_THERE = Optional.of(GuestState.PAUSED);
    private static final Optional<GuestState> NOT_THERE = Optional.of(GuestState.GONE);
    private static final Optional<GuestState> STOPPED_THERE = Optional.of(GuestState.SHUTOFF);
    private static final Optional<GuestState> CANNOT_SAY = Optional.empty();

    private static LostSourceVerdict.Kind v(JobType job, GuestState source, Optional<GuestState> dest) {
        return LostSourceVerdict.decide(job, source, dest).kind();
    }

    @Test
    void aJobThatSurvivedIsMonitoredAsBefore() {
        for (JobType job : new JobType[] {JobType.BOUNDED, JobType.UNBOUNDED, JobType.FAILED, JobType.CANCELLED}) {
            assertThat(v(job, GuestState.RUNNING, CANNOT_SAY)).isEqualTo(CONTINUE);
        }
    }

    @Test
    void withoutAJobTheGuestsWhereaboutsDecide() {
        assertThat(v(JobType.NONE, GuestState.GONE, THERE)).isEqualTo(COMPLETED);
        assertThat(v(JobType.COMPLETED, GuestState.GONE, THERE)).isEqualTo(COMPLETED);
        assertThat(v(JobType.NONE, GuestState.SHUTOFF, THERE)).isEqualTo(COMPLETED);
        assertThat(v(JobType.NONE, GuestState.RUNNING, NOT_THERE)).isEqualTo(FAILED);
        assertThat(v(JobType.NONE, GuestState.PAUSED, NOT_THERE)).isEqualTo(FAILED);
        assertThat(v(JobType.NONE, GuestState.RUNNING, CANNOT_SAY)).isEqualTo(FAILED);
    }

    /**
     * Issue 11, source-libvirtd-kill at the switch-over: libvirtd was killed while it stopped the migrated source;
     * its restart could not reattach and marked the domain shut off (reason unknown), so the job reads FAILED.
     */
    @Test
    void aJobThatReadsEndedBecauseTheSourceStoppedIsDecidedByTheDestination() {
        assertThat(v(JobType.FAILED, GuestState.SHUTOFF, THERE)).as("handed over").isEqualTo(COMPLETED);
        assertThat(v(JobType.CANCELLED, GuestState.SHUTOFF, THERE)).isEqualTo(COMPLETED);
        assertThat(v(JobType.FAILED, GuestState.GONE, THERE)).isEqualTo(COMPLETED);
        assertThat(v(JobType.FAILED, GuestState.SHUTOFF, NOT_THERE)).as("stopped here only").isEqualTo(FAILED);
        assertThat(LostSourceVerdict.decide(JobType.FAILED, GuestState.SHUTOFF, NOT_THERE).reason())
                .contains("SHUTOFF here").contains("not on the destination");
        assertThat(v(JobType.FAILED, GuestState.SHUTOFF, CANNOT_SAY)).isEqualTo(UNKNOWN);
    }

    @Test
    void whatNeitherHostProvesIsUnknownNeverAGuess() {
        assertThat(v(JobType.NONE, GuestState.RUNNING, THERE)).as("active on both").isEqualTo(UNKNOWN);
        assertThat(v(JobType.NONE, GuestState.PAUSED, THERE)).as("post-copy handover?").isEqualTo(UNKNOWN);
        assertThat(v(JobType.NONE, GuestState.GONE, NOT_THERE)).as("on neither").isEqualTo(UNKNOWN);
        assertThat(v(JobType.COMPLETED, GuestState.GONE, CANNOT_SAY)).isEqualTo(UNKNOWN);
        assertThat(v(JobType.NONE, GuestState.PAUSED, CANNOT_SAY)).isEqualTo(UNKNOWN);
    }

    /**
     * A paused destination domain is no handover: an incoming domain still in Prepare (libvirt kills it once the
     * source's connection drops) or one paused by a failed post-copy. Completing would undefine the source, rolling
     * back would destroy it: each row is UNKNOWN (NeedsRecovery), whatever the job reads.
     */
    @Test
    void aPausedDestinationProvesNoHandover() {
        Object[][] rows = {
            {JobType.FAILED, GuestState.SHUTOFF, PAUSED_THERE, UNKNOWN},
            {JobType.CANCELLED, GuestState.SHUTOFF, PAUSED_THERE, UNKNOWN},
            {JobType.FAILED, GuestState.GONE, PAUSED_THERE, UNKNOWN},
            {JobType.NONE, GuestState.GONE, PAUSED_THERE, UNKNOWN},
            {JobType.COMPLETED, GuestState.GONE, PAUSED_THERE, UNKNOWN},
            {JobType.NONE, GuestState.SHUTOFF, PAUSED_THERE, UNKNOWN},
            {JobType.NONE, GuestState.RUNNING, PAUSED_THERE, UNKNOWN},
            {JobType.NONE, GuestState.PAUSED, PAUSED_THERE, UNKNOWN},
            // only a running destination proves it, and a stopped one is no copy at all
            {JobType.FAILED, GuestState.SHUTOFF, THERE, COMPLETED},
            {JobType.NONE, GuestState.GONE, THERE, COMPLETED},
            {JobType.FAILED, GuestState.SHUTOFF, STOPPED_THERE, FAILED},
            {JobType.NONE, GuestState.RUNNING, STOPPED_THERE, FAILED},
        };
        for (Object[] r : rows) {
            @SuppressWarnings("unchecked")
            Optional<GuestState> dest = (Optional<GuestState>) r[2];
            assertThat(v((JobType) r[0], (GuestState) r[1], dest)).as("job %s, source %s, destination %s", r[0], r[1],
                    dest).isEqualTo(r[3]);
        }
        assertThat(LostSourceVerdict.decide(JobType.FAILED, GuestState.SHUTOFF, PAUSED_THERE).reason())
                .contains("PAUSED on the destination, not running").contains("SHUTOFF here");
    }
}
