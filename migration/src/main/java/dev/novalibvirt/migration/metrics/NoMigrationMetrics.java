package dev.novalibvirt.migration.metrics;

import dev.novalibvirt.migration.monitor.MigrationListener;
import java.time.Duration;

/** The default: no meters, and no events heard. */
enum NoMigrationMetrics implements MigrationMetrics {
    INSTANCE;

    @Override
    public void migrationEnded(String outcome, String sourceHost, String destinationHost, Duration took) {
    }

    @Override
    public void downtime(String sourceHost, boolean postCopy, Duration downtime) {
    }

    @Override
    public void transferred(String sourceHost, long bytes) {
    }

    @Override
    public void decision(String sourceHost, Decision decision) {
    }

    @Override
    public MigrationListener monitorListener(String sourceHost) {
        return MigrationListener.NONE;
    }
}
