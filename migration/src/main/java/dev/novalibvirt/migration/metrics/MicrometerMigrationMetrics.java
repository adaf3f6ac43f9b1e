package dev.novalibvirt.migration.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link MigrationMetrics} in a Micrometer registry. The only class of this module that uses Micrometer; it is
 * loaded by {@link MigrationMetrics#micrometer} alone. Meters are looked up per sample: the registry caches them by
 * name and tags, and the tag sets are small.
 */
final class MicrometerMigrationMetrics implements MigrationMetrics {
    private final MeterRegistry registry;

    MicrometerMigrationMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void migrationEnded(String outcome, String sourceHost, String destinationHost, Duration took) {
        Timer.builder(DURATION).description("Live migrations, from start to the last post or rollback step")
                .tag("outcome", outcome).tag("source", sourceHost).tag("destination", destinationHost)
                .register(registry).record(took);
    }

    @Override
    public void downtime(String sourceHost, boolean postCopy, Duration downtime) {
        Timer.builder(DOWNTIME).description("Guest downtime of completed live migrations, as libvirt measured it")
                .tag("source", sourceHost).tag("mode", postCopy ? "post-copy" : "pre-copy")
                .register(registry).record(downtime);
    }

    @Override
    public void transferred(String sourceHost, long bytes) {
        DistributionSummary.builder(TRANSFERRED).description("Data transferred by completed live migrations")
                .baseUnit("bytes").tag("source", sourceHost).register(registry).record(bytes);
    }

    @Override
    public void decision(String sourceHost, Decision decision) {
        Counter.builder(DECISIONS).description("Decisions taken about running live migrations")
                .tag("source", sourceHost).tag("decision", decision.tag()).register(registry).increment();
    }
}
