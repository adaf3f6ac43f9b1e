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
        assertThat(remedy(null, PowerState.PAUSED)).startsWith("resume the guest on host-a: ");
    }

    @Test
    void aStateThatCannotBeReadIsSaidSo() {
        assertThat(RollbackRemedy.of("host-a", "host-b", PowerState.RUNNING, null, "InternalError: End of file"))
                .startsWith("find the guest: its state on host-a could not be read").contains("End of file");
    }
}
