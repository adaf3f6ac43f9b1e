package dev.novalibvirt.cli.command;

import dev.novalibvirt.libvirt.host.SourceMigrationJob;
import dev.novalibvirt.migration.monitor.MigrationFeatures;
import dev.novalibvirt.migration.monitor.MonitorSettings;

/**
 * What {@code migrate --force-complete} does to a migration another process runs, decided as Nova's monitor decides
 * its {@code 'force-complete'} task ({@code migration.run_tasks}): nothing when the job is in post-copy already; the
 * post-copy switch when the job was started with {@code VIR_MIGRATE_POSTCOPY}; else pause the guest. The flag is the
 * migrating driver's choice ({@link MigrationFeatures#decide}: {@code live_migration_permit_post_copy}, dropped for a
 * guest that was paused when the job started), so it is decided again here from the same nova.conf option and the
 * guest's state.
 */
enum ForceCompleteStep {
    /** The job runs in post-copy already; Nova only logs a warning. */
    ALREADY_POST_COPY("none (already in post-copy)"),
    /** {@code trigger_postcopy_switch}. */
    SWITCH_TO_POST_COPY("virDomainMigrateStartPostCopy"),
    /** {@code guest.pause()}; Nova's monitor then queues an unpause for a failed job (the migrating process's). */
    PAUSE("virDomainSuspend");

    private final String libvirtCall;

    ForceCompleteStep(String libvirtCall) {
        this.libvirtCall = libvirtCall;
    }

    /** The libvirt call taken, as the result's {@code done} names it. */
    String libvirtCall() {
        return libvirtCall;
    }

    /**
     * @param permitPostCopy nova.conf's {@code [libvirt] live_migration_permit_post_copy} (the source's)
     * @param phase          where the source domain is now
     */
    static ForceCompleteStep decide(boolean permitPostCopy, SourceMigrationJob.Phase phase) {
        if (phase == SourceMigrationJob.Phase.POST_COPY) {
            return ALREADY_POST_COPY;
        }
        boolean pausedNow = phase == SourceMigrationJob.Phase.PAUSED;
        MonitorSettings settings = MonitorSettings.novaDefaults().withPermitPostCopy(permitPostCopy);
        return MigrationFeatures.decide(settings, pausedNow, false).postCopy() ? SWITCH_TO_POST_COPY : PAUSE;
    }
}
