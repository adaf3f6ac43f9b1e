package dev.novalibvirt.conformance.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Timing samples of one benchmark case, in milliseconds: min, median, max, percentiles. */
public final class Samples {
    private final List<Double> millis = new ArrayList<>();

    /** An action timed by {@link #time(Action)}. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** Runs {@code action} once and records its wall time. */
    public Samples time(Action action) throws Exception {
        long t0 = System.nanoTime();
        action.run();
        millis.add((System.nanoTime() - t0) / 1e6);
        return this;
    }

    public Samples add(double ms) {
        millis.add(ms);
        return this;
    }

    /** Adds every sample of {@code other} (e.g. several guests' hops into one). */
    public Samples addAll(Samples other) {
        millis.addAll(other.millis);
        return this;
    }

    public int count() {
        return millis.size();
    }

    public double min() {
        return sorted().get(0);
    }

    public double max() {
        List<Double> s = sorted();
        return s.get(s.size() - 1);
    }

    public double median() {
        List<Double> s = sorted();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** The 95th percentile by nearest rank: the smallest sample that at least 95 % of the samples do not exceed. */
    public double p95() {
        return percentile(0.95);
    }

    /** Nearest-rank percentile, {@code p} in (0, 1] (0.99 for p99). */
    public double percentile(double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("percentile must be in (0, 1], got " + p);
        }
        List<Double> s = sorted();
        int rank = (int) Math.ceil(p * s.size());
        return s.get(Math.max(1, rank) - 1);
    }

    private List<Double> sorted() {
        if (millis.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Double> s = new ArrayList<>(millis);
        Collections.sort(s);
        return s;
    }
}
