package dev.novalibvirt.migration.monitor;

import dev.novalibvirt.core.config.LibvirtOptions;
import java.time.Duration;

/**
 * The live-migration monitor's settings, named after Nova's {@code [libvirt]} options.
 *
 * <p>The defaults are Nova's: {@code live_migration_downtime=500} ms, {@code live_migration_downtime_steps=10},
 * {@code live_migration_downtime_delay=75} s per GiB, {@code live_migration_completion_timeout=800} s per GiB
 * (0 disables it), {@code live_migration_timeout_action=abort}, post-copy and auto-converge not permitted,
 * a 0.5 s poll and stats every 5 s ({@code live_migration_monitor_interval}, hidden in Nova).
 *
 * <p>{@code convergencePolicy} is ours and off by default: when on, the monitor predicts from the guest's dirty rate
 * measured at the start ({@link DirtyRatePrediction}: post-copy at once when pre-copy cannot converge), reads the job
 * statistics at each memory iteration and escalates early (see {@link ConvergencePolicy}) instead of waiting for
 * Nova's time-based downtime steps and completion timeout alone.
 *
 * @param downtimeMs              {@code live_migration_downtime}, the final maximum downtime (ms), &gt;= 100
 * @param downtimeSteps           {@code live_migration_downtime_steps}, &gt;= 3
 * @param downtimeDelaySecPerGiB  {@code live_migration_downtime_delay}, seconds per GiB between steps, &gt;= 3
 * @param completionTimeoutSecPerGiB {@code live_migration_completion_timeout}, seconds per GiB, 0 = never
 * @param timeoutAction           {@code live_migration_timeout_action}
 * @param permitPostCopy          {@code live_migration_permit_post_copy}
 * @param permitAutoConverge      {@code live_migration_permit_auto_converge}
 * @param pollInterval            the monitor's poll period (Nova: 0.5 s)
 * @param statsInterval           how often progress is recorded (Nova: {@code live_migration_monitor_interval}, 5 s)
 * @param convergencePolicy       opt-in: decide from the job statistics (ours, not Nova's)
 */
public record MonitorSettings(
        int downtimeMs,
        int downtimeSteps,
        int downtimeDelaySecPerGiB,
        int completionTimeoutSecPerGiB,
        TimeoutAction timeoutAction,
        boolean permitPostCopy,
        boolean permitAutoConverge,
        Duration pollInterval,
        Duration statsInterval,
        boolean convergencePolicy) {

    /** Nova's lower bound of {@code live_migration_downtime}. */
    public static final int DOWNTIME_MIN_MS = 100;
    /** Nova's lower bound of {@code live_migration_downtime_steps}. */
    public static final int DOWNTIME_STEPS_MIN = 3;
    /** Nova's lower bound of {@code live_migration_downtime_delay}. */
    public static final int DOWNTIME_DELAY_MIN = 3;

    public MonitorSettings {
        if (downtimeMs < DOWNTIME_MIN_MS) {
            throw new InvalidMonitorSettings("live_migration_downtime must be >= " + DOWNTIME_MIN_MS + " ms, got " + downtimeMs);
        }
        if (downtimeSteps < DOWNTIME_STEPS_MIN) {
            throw new InvalidMonitorSettings("live_migration_downtime_steps must be >= " + DOWNTIME_STEPS_MIN + ", got " + downtimeSteps);
        }
        if (downtimeDelaySecPerGiB < DOWNTIME_DELAY_MIN) {
            throw new InvalidMonitorSettings("live_migration_downtime_delay must be >= " + DOWNTIME_DELAY_MIN + " s, got " + downtimeDelaySecPerGiB);
        }
        if (completionTimeoutSecPerGiB < 0) {
            throw new InvalidMonitorSettings("live_migration_completion_timeout must be >= 0, got " + completionTimeoutSecPerGiB);
        }
        if (timeoutAction == null) {
            throw new InvalidMonitorSettings("live_migration_timeout_action must be abort or force_complete");
        }
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new InvalidMonitorSettings("poll interval must be positive, got " + pollInterval);
        }
        if (statsInterval == null || statsInterval.isNegative()) {
            throw new InvalidMonitorSettings("stats interval must be >= 0, got " + statsInterval);
        }
    }

    /**
     * The settings of nova.conf's {@code [libvirt]} section (poll 0.5 s, stats every 5 s), with our convergence
     * policy on or off.
     */
    public static MonitorSettings from(LibvirtOptions o, boolean convergencePolicy) {
        TimeoutAction action = "force_complete".equals(o.liveMigrationTimeoutAction()) ? TimeoutAction.FORCE_COMPLETE
                : TimeoutAction.ABORT;
        return new MonitorSettings(o.liveMigrationDowntime(), o.liveMigrationDowntimeSteps(),
                o.liveMigrationDowntimeDelay(), o.liveMigrationCompletionTimeout(), action,
                o.liveMigrationPermitPostCopy(), o.liveMigrationPermitAutoConverge(), Duration.ofMillis(500),
                Duration.ofSeconds(5), convergencePolicy);
    }

    /** Nova's defaults, convergence policy off. */
    public static MonitorSettings novaDefaults() {
        return new MonitorSettings(500, 10, 75, 800, TimeoutAction.ABORT, false, false,
                Duration.ofMillis(500), Duration.ofSeconds(5), false);
    }

    public MonitorSettings withDowntime(int ms, int steps, int delaySecPerGiB) {
        return new MonitorSettings(ms, steps, delaySecPerGiB, completionTimeoutSecPerGiB, timeoutAction, permitPostCopy,
                permitAutoConverge, pollInterval, statsInterval, convergencePolicy);
    }

    public MonitorSettings withCompletionTimeout(int secPerGiB, TimeoutAction action) {
        return new MonitorSettings(downtimeMs, downtimeSteps, downtimeDelaySecPerGiB, secPerGiB, action, permitPostCopy,
                permitAutoConverge, pollInterval, statsInterval, convergencePolicy);
    }

    public MonitorSettings withPermitPostCopy(boolean permit) {
        return new MonitorSettings(downtimeMs, downtimeSteps, downtimeDelaySecPerGiB, completionTimeoutSecPerGiB,
                timeoutAction, permit, permitAutoConverge, pollInterval, statsInterval, convergencePolicy);
    }

    public MonitorSettings withPermitAutoConverge(boolean permit) {
        return new MonitorSettings(downtimeMs, downtimeSteps, downtimeDelaySecPerGiB, completionTimeoutSecPerGiB,
                timeoutAction, permitPostCopy, permit, pollInterval, statsInterval, convergencePolicy);
    }

    public MonitorSettings withPollInterval(Duration poll) {
        return new MonitorSettings(downtimeMs, downtimeSteps, downtimeDelaySecPerGiB, completionTimeoutSecPerGiB,
                timeoutAction, permitPostCopy, permitAutoConverge, poll, statsInterval, convergencePolicy);
    }

    public MonitorSettings withStatsInterval(Duration stats) {
        return new MonitorSettings(downtimeMs, downtimeSteps, downtimeDelaySecPerGiB, completionTimeoutSecPerGiB,
                timeoutAction, permitPostCopy, permitAutoConverge, pollInterval, stats, convergencePolicy);
    }

    /** The one option that turns the convergence policy on. */
    public MonitorSettings withConvergencePolicy(boolean on) {
        return new MonitorSettings(downtimeMs, downtimeSteps, downtimeDelaySecPerGiB, completionTimeoutSecPerGiB,
                timeoutAction, permitPostCopy, permitAutoConverge, pollInterval, statsInterval, on);
    }
}
