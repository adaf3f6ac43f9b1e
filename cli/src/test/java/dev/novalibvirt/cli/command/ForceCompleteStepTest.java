package dev.novalibvirt.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.libvirt.host.SourceMigrationJob.Phase;
import org.junit.jupiter.api.Test;

/** Nova's force-complete task (migration.run_tasks), decided from another process: post-copy, pause, or nothing. */
class ForceCompleteStepTest {
    @Test
    void postCopyWhenPermittedAndTheGuestRuns() {
        assertThat(ForceCompleteStep.decide(true, Phase.RUNNING)).isEqualTo(ForceCompleteStep.SWITCH_TO_POST_COPY);
        assertThat(ForceCompleteStep.decide(true, Phase.PAUSED_FOR_MIGRATION))
                .isEqualTo(ForceCompleteStep.SWITCH_TO_POST_COPY);
    }

    @Test
    void pauseWhenPostCopyIsNotPermittedOrWasDroppedForAPausedGuest() {
        assertThat(ForceCompleteStep.decide(false, Phase.RUNNING)).isEqualTo(ForceCompleteStep.PAUSE);
        assertThat(ForceCompleteStep.decide(true, Phase.PAUSED)).isEqualTo(ForceCompleteStep.PAUSE);
    }

    @Test
    void nothingOnceInPostCopy() {
        assertThat(ForceCompleteStep.decide(true, Phase.POST_COPY)).isEqualTo(ForceCompleteStep.ALREADY_POST_COPY);
        assertThat(ForceCompleteStep.decide(false, Phase.POST_COPY)).isEqualTo(ForceCompleteStep.ALREADY_POST_COPY);
        assertThat(ForceCompleteStep.SWITCH_TO_POST_COPY.libvirtCall()).isEqualTo("virDomainMigrateStartPostCopy");
    }
}
