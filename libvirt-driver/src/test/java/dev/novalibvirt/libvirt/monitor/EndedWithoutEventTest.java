package dev.novalibvirt.libvirt.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.libvirt.jna.DomainState;
import dev.novalibvirt.migration.monitor.JobInfo;
import dev.novalibvirt.migration.monitor.JobType;
import org.junit.jupiter.api.Test;

/** A job over with no job-completed event: did the guest leave, or did it die here? */
class EndedWithoutEventTest {
    private static final int SHUTOFF_DESTROYED = 2;
    private static final int SHUTOFF_CRASHED = 3;

    @Test
    void aSourceDefinitionLeftShutOffByTheMigrationMeansCompleted() {
        JobInfo info = LibvirtMigrationGuest.endedWithoutEvent(
                new DomainState(DomainState.State.SHUTOFF, DomainState.SHUTOFF_MIGRATED));
        assertThat(info.type()).isEqualTo(JobType.COMPLETED);
    }

    @Test
    void aDomainThatIsGoneMeansCompletedAsInNova() {
        assertThat(LibvirtMigrationGuest.endedWithoutEvent(null).type()).isEqualTo(JobType.COMPLETED);
    }

    @Test
    void aSourceQemuKilledDuringTheJobIsAFailureNotACompletion() {
        // the guest is still defined here, shut off because its QEMU died: completing would undefine it
        JobInfo info = LibvirtMigrationGuest.endedWithoutEvent(
                new DomainState(DomainState.State.SHUTOFF, SHUTOFF_CRASHED));
        assertThat(info.type()).isEqualTo(JobType.FAILED);
        assertThat(info.errorMessage()).contains("stopped on the source").contains("shutoff");
    }

    @Test
    void aGuestDestroyedDuringTheJobIsAFailure() {
        assertThat(LibvirtMigrationGuest.endedWithoutEvent(
                new DomainState(DomainState.State.SHUTOFF, SHUTOFF_DESTROYED)).type()).isEqualTo(JobType.FAILED);
        assertThat(LibvirtMigrationGuest.endedWithoutEvent(
                new DomainState(DomainState.State.CRASHED, 0)).type()).isEqualTo(JobType.FAILED);
    }

    @Test
    void anyOtherStateKeepsNovasReading() {
        assertThat(LibvirtMigrationGuest.endedWithoutEvent(
                new DomainState(DomainState.State.PAUSED, DomainState.PAUSED_POSTCOPY)).type())
                .isEqualTo(JobType.COMPLETED);
    }
}
