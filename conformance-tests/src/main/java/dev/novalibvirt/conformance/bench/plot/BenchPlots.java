package dev.novalibvirt.conformance.bench.plot;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Where a bench's plot goes: {@code <bench.dir>/<bench>.png}, {@code bench.dir} a system property (default
 * {@code conformance-tests/target/bench} of the repository {@code ./lab bench} runs from, {@code novalab.repo}, else
 * {@code target/bench}), and the line {@code plot: PATH} before the bench's RESULT line.
 * A plot that cannot be drawn is reported, never the bench's failure.
 */
public final class BenchPlots {
    private BenchPlots() {
    }

    public static Path file(String bench) {
        String repo = System.getProperty("novalab.repo");
        Path fallback = repo == null ? Path.of("target", "bench") : Path.of(repo, "conformance-tests", "target", "bench");
        String dir = System.getProperty("bench.dir");
        return (dir == null ? fallback : Path.of(dir)).resolve(bench + ".png").toAbsolutePath();
    }

    /** Draws {@code chart} for {@code bench} and says where on {@code out}. */
    public static void write(String bench, Chart chart, PrintStream out) {
        if (chart.isEmpty()) {
            out.println("plot: none (no case reported progress)");
            return;
        }
        try {
            out.println("plot: " + ChartFile.png(chart, file(bench)));
        } catch (RuntimeException | LinkageError e) {
            out.println("plot: not drawn (" + e + ")");
        }
    }
}
