package dev.novalibvirt.migration.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.PowerState;
import org.junit.jupiter.api.Test;

/** What a rolled-back guest needs, from its power state before the migration and after the rollback (issue 11). */
class RollbackRemedyTest {

    private static String remedy(PowerState before, PowerState after) {
        return RollbackRemedy.of("host-a", "host-b", before, after, "");
    }

    @Test
    void aGuestRunningAgainOrPausedAsItsUserLeftItNeedsNothing() {
        assertThat(remedy(PowerState.RUNNING, PowerState.RUNNING)).isEmpty();
        assertThat(remedy(null, PowerState.RUNNING)).isEmpty();
        assertThat(remedy(PowerState.PAUSED, PowerState.PAUSED)).isEmpty();
    }

    @Test
    void aGuestWhoseQemuStoppedMustBeStartedOnTheSource() {
        assertThat(remedy(PowerState.RUNNING, PowerState.SHUTDOWN)).startsWith("start the guest on host-a: ")
                .contains("power state SHUTDOWN").contains("nothing of it is on host-b");
        assertThat(remedy(PowerState.RUNNING, PowerState.CRASHED)).startsWith("start the guest on host-a: ");
    }

    @Test
    void aGuestThatRanAndIsLeftPausedMustBeResumed() {
        assertThat(remedy(PowerState.RUNNING, PowerState.PAUSED)).startsWith("resume the guest on host-a: ");
    }

    /** Each pair of states before and after, and how the remedy starts ("" = as before; issue 11 review). */
    @Test
    void everyPairOfStatesHasItsOwnRemedy() {
        Object[][] rows = {
            {PowerState.RUNNING, PowerState.RUNNING, ""},
            {null, PowerState.RUNNING, ""},
            {PowerState.PAUSED, PowerState.PAUSED, ""},
            {PowerState.SUSPENDED, PowerState.SUSPENDED, ""},
            {PowerState.PAUSED, PowerState.RUNNING, "pause the guest again on host-a: its user had paused it"},
            {PowerState.RUNNING, PowerState.PAUSED, "resume the guest on host-a: it was RUNNING before"},
            {null, PowerState.PAUSED, "resume the guest on host-a unless its user had paused it"},
            {PowerState.RUNNING, PowerState.SUSPENDED, "wake the guest on host-a (virDomainPMWakeup)"},
            {null, PowerState.SUSPENDED, "wake the guest on host-a"},
            {PowerState.RUNNING, PowerState.SHUTDOWN, "start the guest on host-a: its QEMU stopped"},
            {PowerState.PAUSED, PowerState.CRASHED, "start the guest on host-a: its QEMU stopped"},
            {PowerState.RUNNING, PowerState.NOSTATE, "find the guest: its state on host-a reads NOSTATE"},
        };
        for (Object[] r : rows) {
            String remedy = remedy((PowerState) r[0], (PowerState) r[1]);
            String why = "before " + r[0] + ", after " + r[1];
            if (((String) r[2]).isEmpty()) {
                assertThat(remedy).as(why).isEmpty();
            } else {
                assertThat(remedy).as(why).startsWith((String) r[2]);
            }
        }
        assertThat(remedy(null, PowerState.PAUSED)).as("an unknown prior state is not claimed")
                .contains("its state before the migration was not read").doesNotContain("it ran before");
        assertThat(remedy(PowerState.RUNNING, PowerState.SUSPENDED)).as("its QEMU is alive")
                .contains("QEMU alive").doesNotContain("start the guest").doesNotContain("QEMU stopped");
    }

    @Test
    void aStateThatCannotBeReadIsSaidSo() {
        assertThat(RollbackRemedy.of("host-a", "host-b", PowerState.RUNNING, null, "InternalError: End of file"))
                .startsWith("find the guest: its state on host-a could not be read").contains("End of file");
    }
}
