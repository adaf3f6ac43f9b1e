package dev.novalibvirt.migration.metrics;

import dev.novalibvirt.migration.monitor.ConvergenceDecision;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationListener;
import java.time.Duration;
import java.util.Objects;

/**
 * The monitor's events as meters: one mapping for every {@link MigrationMetrics}, so that the Micrometer one only
 * records. Progress events are not metered (a gauge per running migration would need its id as a tag).
 */
final class MonitorEventMeters implements MigrationListener {
    private final MigrationMetrics metrics;
    private final String sourceHost;

    MonitorEventMeters(MigrationMetrics metrics, String sourceHost) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.sourceHost = Objects.requireNonNull(sourceHost, "sourceHost");
    }

    @Override
    public void onEvent(MigrationEvent event) {
        if (event instanceof MigrationEvent.Started s && s.features().autoConverge()) {
            metrics.decision(sourceHost, MigrationMetrics.Decision.AUTO_CONVERGE);
        } else if (event instanceof MigrationEvent.DowntimeChanged d && d.previousMs() > 0
                && d.downtimeMs() > d.previousMs()) {
            // the first value (previous 0) is the schedule's start, not a decision
            metrics.decision(sourceHost, MigrationMetrics.Decision.RAISE_DOWNTIME);
        } else if (event instanceof MigrationEvent.PostCopySwitched) {
            metrics.decision(sourceHost, MigrationMetrics.Decision.POST_COPY);
        } else if (event instanceof MigrationEvent.Paused) {
            metrics.decision(sourceHost, MigrationMetrics.Decision.PAUSE);
        } else if (event instanceof MigrationEvent.PolicyDecision p
                && p.decision().basis() == ConvergenceDecision.Basis.PREDICTION) {
            metrics.decision(sourceHost, prediction(p.decision()));
        } else if (event instanceof MigrationEvent.PolicyDecision p
                && p.decision().action() == ConvergenceDecision.Action.TIMEOUT_ACTION) {
            metrics.decision(sourceHost, MigrationMetrics.Decision.TIMEOUT_ACTION);
        } else if (event instanceof MigrationEvent.Completed c) {
            // -1 = libvirt gave no figure: an absent sample, not a zero one
            if (c.downtimeMs() >= 0) {
                metrics.downtime(sourceHost, c.postCopy(), Duration.ofMillis(c.downtimeMs()));
            }
            if (c.dataBytes() >= 0) {
                metrics.transferred(sourceHost, c.dataBytes());
            }
        }
    }

    private static MigrationMetrics.Decision prediction(ConvergenceDecision d) {
        if (d.verdict() == ConvergenceDecision.Verdict.UNKNOWN) {
            return MigrationMetrics.Decision.PREDICT_UNAVAILABLE;
        }
        return switch (d.strategy()) {
            case POST_COPY -> MigrationMetrics.Decision.PREDICT_POST_COPY;
            case AUTO_CONVERGE -> MigrationMetrics.Decision.PREDICT_AUTO_CONVERGE;
            case PLAIN -> MigrationMetrics.Decision.PREDICT_PLAIN;
        };
    }
}
