package dev.novalibvirt.migration.monitor;

/**
 * Which convergence features a migration uses, decided once per migration from the settings and the guest.
 * Mirrors Nova's flag logic ({@code _parse_migration_flags} and {@code _live_migration_operation}):
 * auto-converge only when post-copy is not set (the two do not mix), and no post-copy for a paused guest
 * (nothing runs that could fault pages in) or a guest with vPMEM devices.
 *
 * @param postCopy      {@code VIR_MIGRATE_POSTCOPY}: the monitor may switch to post-copy
 * @param autoConverge  {@code VIR_MIGRATE_AUTO_CONVERGE}: QEMU throttles the vCPUs
 */
public record MigrationFeatures(boolean postCopy, boolean autoConverge) {

    /** The features for one migration of a guest that is {@code paused} or not and has vPMEM or not. */
    public static MigrationFeatures decide(MonitorSettings settings, boolean guestPaused, boolean hasVpmem) {
        boolean postCopyFlag = settings.permitPostCopy() && !hasVpmem;
        // Nova computes AUTO_CONVERGE at init from the flag set that already holds POSTCOPY, so the pause below
        // does not bring auto-converge back.
        boolean autoConverge = settings.permitAutoConverge() && !postCopyFlag;
        boolean postCopy = postCopyFlag && !guestPaused;
        return new MigrationFeatures(postCopy, autoConverge);
    }
}
