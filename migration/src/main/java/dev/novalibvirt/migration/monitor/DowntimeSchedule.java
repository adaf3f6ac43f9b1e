package dev.novalibvirt.migration.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The allowed-downtime schedule of a migration; mirrors Nova's {@code migration.downtime_steps(data_gb)} and
 * {@code migration.update_downtime()}.
 *
 * <p>The maximum downtime starts at {@code downtime/steps} and grows linearly to {@code downtime} in
 * {@code steps} steps spaced {@code delay * data_gb} seconds apart. The arithmetic (float division, truncation
 * with {@code int()}) is Nova's, so the values match Nova's tests exactly.
 */
public final class DowntimeSchedule {
    private final List<DowntimeStep> steps;

    private DowntimeSchedule(List<DowntimeStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /** Nova's {@code downtime_steps}: {@code steps + 1} tuples {@code (int(delay*i), int(base + offset*i))}. */
    public static DowntimeSchedule of(int downtimeMs, int stepCount, int delaySecPerGiB, double dataGb) {
        if (stepCount < 1) {
            throw new InvalidMonitorSettings("downtime steps must be >= 1, got " + stepCount);
        }
        if (!(dataGb > 0)) {
            throw new InvalidMonitorSettings("data size must be > 0 GiB, got " + dataGb);
        }
        long delay = (long) (delaySecPerGiB * dataGb);
        double base = (double) downtimeMs / stepCount;
        double offset = (downtimeMs - base) / stepCount;
        List<DowntimeStep> out = new ArrayList<>(stepCount + 1);
        for (int i = 0; i <= stepCount; i++) {
            out.add(new DowntimeStep(delay * i, (int) (base + offset * i)));
        }
        return new DowntimeSchedule(out);
    }

    public static DowntimeSchedule of(MonitorSettings s, double dataGb) {
        return of(s.downtimeMs(), s.downtimeSteps(), s.downtimeDelaySecPerGiB(), dataGb);
    }

    /** A schedule made of explicit steps (for tests mirroring Nova's {@code update_downtime} cases). */
    public static DowntimeSchedule ofSteps(List<DowntimeStep> steps) {
        return new DowntimeSchedule(steps);
    }

    public List<DowntimeStep> steps() {
        return steps;
    }

    /** The last step whose time has passed, as Nova's {@code update_downtime} picks it; empty before the first. */
    public Optional<DowntimeStep> stepAt(double elapsedSeconds) {
        DowntimeStep found = null;
        for (DowntimeStep s : steps) {
            if (elapsedSeconds > s.afterSeconds()) { // strictly after, as Nova compares
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The smallest step value that allows at least {@code neededMs}; empty when even the last step is too small. */
    public Optional<DowntimeStep> firstStepAllowing(long neededMs) {
        return steps.stream().filter(s -> s.downtimeMs() >= neededMs).findFirst();
    }

    /** The final (largest) step. */
    public DowntimeStep last() {
        return steps.get(steps.size() - 1);
    }
}
