package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.migration.logging.PhaseListener;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The phases the driver reports ({@code LibvirtDriver.Builder#phaseListener}), collected as {@link Samples} per
 * {@code step/phase}, in the order they first came; for a benchmark's per-phase median table. Thread-safe: the
 * background monmap read reports from its own thread.
 */
final class PhaseSamples implements PhaseListener {
    private final Map<String, Samples> byPhase = new LinkedHashMap<>();

    @Override
    public synchronized void phase(String step, String phase, long nanos) {
        byPhase.computeIfAbsent(step + "/" + phase, k -> new Samples()).add(nanos / 1e6);
    }

    /** One row per phase: {@code "  phase <step>/<phase>", n, min, median, max}. */
    synchronized void addRows(BenchReport report) {
        byPhase.forEach((name, s) -> report.row("  phase " + name, s.count(), s.min(), s.median(), s.max()));
    }
}
