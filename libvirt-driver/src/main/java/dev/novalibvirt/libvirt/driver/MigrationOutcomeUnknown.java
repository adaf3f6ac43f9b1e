package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.exception.MigrationError;

/**
 * The source libvirtd went away during the job and neither host proved, before the monitor's deadline, where the
 * guest is: {@code live_migration} neither posts nor rolls back, and the caller must find out (the migration task
 * asks both hosts and, when they cannot say either, reports NEEDS_RECOVERY).
 */
public class MigrationOutcomeUnknown extends MigrationError {
    private static final long serialVersionUID = 1L;

    public MigrationOutcomeUnknown(String message) {
        super(message);
    }
}
