package dev.novalibvirt.migration.monitor;

/**
 * What to do when a migration runs past its completion timeout; mirrors Nova's
 * {@code [libvirt] live_migration_timeout_action} ({@code abort} | {@code force_complete}).
 */
public enum TimeoutAction {
    /** Abort the job: the guest stays on the source and the migration ends {@code cancelled}. */
    ABORT,
    /** Force completion: post-copy switch when permitted, otherwise pause the guest until the copy finishes. */
    FORCE_COMPLETE
}
