package dev.novalibvirt.libvirt.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.libvirt.jna.DomainState;
import org.junit.jupiter.api.Test;

/** Which pause is the migration's own: the one rule the CLI's force-complete and the driver's monitor share. */
class SourceMigrationJobTest {

    private static SourceMigrationJob.Phase phase(DomainState.State state, int reason) {
        return SourceMigrationJob.phaseOf(new DomainState(state, reason));
    }

    @Test
    void aGuestPausedByAUserOrAForceCompleteIsPaused() {
        assertThat(phase(DomainState.State.PAUSED, DomainState.PAUSED_USER)).isEqualTo(SourceMigrationJob.Phase.PAUSED);
        assertThat(phase(DomainState.State.PAUSED, DomainState.PAUSED_POSTCOPY_FAILED))
                .isEqualTo(SourceMigrationJob.Phase.PAUSED);
    }

    @Test
    void theMigrationsOwnPausesAreNot() {
        assertThat(phase(DomainState.State.PAUSED, DomainState.PAUSED_MIGRATION))
                .isEqualTo(SourceMigrationJob.Phase.PAUSED_FOR_MIGRATION);
        assertThat(phase(DomainState.State.PAUSED, DomainState.PAUSED_POSTCOPY))
                .isEqualTo(SourceMigrationJob.Phase.POST_COPY);
    }

    @Test
    void runningBlockedAndStoppedDomains() {
        assertThat(phase(DomainState.State.RUNNING, 1)).isEqualTo(SourceMigrationJob.Phase.RUNNING);
        assertThat(phase(DomainState.State.BLOCKED, 0)).isEqualTo(SourceMigrationJob.Phase.RUNNING);
        assertThat(phase(DomainState.State.SHUTOFF, 3)).isEqualTo(SourceMigrationJob.Phase.OTHER);
    }
}
