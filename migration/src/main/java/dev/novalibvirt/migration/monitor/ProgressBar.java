package dev.novalibvirt.migration.monitor;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * A {@link MigrationListener} that renders a migration as one text line per event, e.g.
 * {@code monitor-x [##########----------]  52 % it 2  245/512 MiB left  dirty 98 MiB/s  bw 100 MiB/s  ETA ?}.
 * For demos and command-line tools; lines go to the given sink (e.g. {@code System.out::println}).
 */
public final class ProgressBar implements MigrationListener {
    private static final int WIDTH = 20;
    private final Consumer<String> sink;

    public ProgressBar(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public void onEvent(MigrationEvent event) {
        sink.accept(render(event));
    }

    /** The line for one event. */
    public static String render(MigrationEvent e) {
        String t = String.format(Locale.ROOT, "%6.1fs %s ", e.elapsedMs() / 1000.0, e.domain());
        if (e instanceof MigrationEvent.Progress p) {
            int pct = Math.max(0, Math.min(100, p.percent()));
            int filled = pct * WIDTH / 100;
            String eta = p.etaSeconds() < 0 ? "?" : String.format(Locale.ROOT, "%.0f s", p.etaSeconds());
            return t + String.format(Locale.ROOT, "[%s%s] %3d %% it %d  %d/%d MiB left  dirty %d MiB/s  bw %d MiB/s  ETA %s%s",
                    "#".repeat(filled), "-".repeat(WIDTH - filled), pct, p.iteration(), p.memoryRemaining() >> 20,
                    p.memoryTotal() >> 20, p.dirtyBytesPerSec() >> 20, p.bytesPerSec() >> 20, eta,
                    p.postCopy() ? "  (post-copy)" : "");
        }
        if (e instanceof MigrationEvent.Started s) {
            return t + String.format(Locale.ROOT, "started: post-copy %s, auto-converge %s, %.1f GiB, timeout %d s",
                    s.features().postCopy() ? "on" : "off", s.features().autoConverge() ? "on" : "off", s.dataGb(),
                    s.completionTimeoutSeconds());
        }
        if (e instanceof MigrationEvent.DowntimeChanged d) {
            return t + "max downtime " + d.previousMs() + " -> " + d.downtimeMs() + " ms (" + d.reason() + ")";
        }
        if (e instanceof MigrationEvent.PolicyDecision d) {
            return t + "policy: " + d.decision().describe();
        }
        if (e instanceof MigrationEvent.PostCopySwitched s) {
            return t + "switched to post-copy (" + s.reason() + ")";
        }
        if (e instanceof MigrationEvent.Paused p) {
            return t + "guest paused (" + p.reason() + ")";
        }
        if (e instanceof MigrationEvent.Completed c) {
            String full = "[" + "#".repeat(WIDTH) + "] 100 %";
            return t + full + String.format(Locale.ROOT, " completed: %.1f s, downtime %s, %s%s", c.totalTimeMs() / 1000.0,
                    c.downtimeMs() < 0 ? "?" : c.downtimeMs() + " ms",
                    c.dataBytes() < 0 ? "? MiB" : (c.dataBytes() >> 20) + " MiB", c.postCopy() ? " (post-copy)" : "");
        }
        if (e instanceof MigrationEvent.Failed f) {
            return t + "FAILED: " + f.reason();
        }
        if (e instanceof MigrationEvent.Cancelled c) {
            return t + "cancelled: " + c.reason();
        }
        return t + e;
    }
}
