package dev.novalibvirt.migration.task;

import dev.novalibvirt.core.exception.InvalidInput;
import java.time.Duration;

/**
 * How one live migration runs; Nova's API parameters plus the caller's listener and deadline.
 *
 * @param blockMigration Nova's {@code block_migration}; DEFAULT lets the source decide from the storage topology
 * @param diskOverCommit Nova's {@code disk_over_commit}; DEFAULT leaves it unset
 * @param listener       hears each step start and finish
 * @param timeout        after this long the task aborts the migration (as {@code live_migration_abort} would);
 *                       zero = no deadline beyond the monitor's own completion timeout
 */
public record LiveMigrationOptions(Setting blockMigration, Setting diskOverCommit, LiveMigrationListener listener,
                                   Duration timeout) {
    public LiveMigrationOptions {
        blockMigration = blockMigration == null ? Setting.DEFAULT : blockMigration;
        diskOverCommit = diskOverCommit == null ? Setting.DEFAULT : diskOverCommit;
        listener = listener == null ? LiveMigrationListener.none() : listener;
        timeout = timeout == null ? Duration.ZERO : timeout;
        if (timeout.isNegative()) {
            throw new InvalidInput("a live-migration timeout must not be negative, got " + timeout);
        }
    }

    /** Nova's defaults: block migration and disk over-commit unset, nobody listening, no deadline. */
    public static LiveMigrationOptions defaults() {
        return new LiveMigrationOptions(Setting.DEFAULT, Setting.DEFAULT, LiveMigrationListener.none(), Duration.ZERO);
    }

    public LiveMigrationOptions withBlockMigration(boolean value) {
        return new LiveMigrationOptions(Setting.of(value), diskOverCommit, listener, timeout);
    }

    public LiveMigrationOptions withDiskOverCommit(boolean value) {
        return new LiveMigrationOptions(blockMigration, Setting.of(value), listener, timeout);
    }

    public LiveMigrationOptions withListener(LiveMigrationListener value) {
        return new LiveMigrationOptions(blockMigration, diskOverCommit, value, timeout);
    }

    public LiveMigrationOptions withTimeout(Duration value) {
        return new LiveMigrationOptions(blockMigration, diskOverCommit, listener, value);
    }
}
