package dev.novalibvirt.core.driver;

/** Nova's migration status strings that the driver reports through the recover callback. */
public enum MigrationStatus {
    /** The job failed; the guest still runs on the source. */
    FAILED("failed"),
    /** The job was aborted ({@code live_migration_abort} or the completion timeout). */
    CANCELLED("cancelled"),
    /** The failure happened before the job started (pre_live_migration or start-up). */
    ERROR("error");

    private final String novaName;

    MigrationStatus(String novaName) {
        this.novaName = novaName;
    }

    /** The status string Nova stores on the Migration record. */
    public String novaName() {
        return novaName;
    }
}
