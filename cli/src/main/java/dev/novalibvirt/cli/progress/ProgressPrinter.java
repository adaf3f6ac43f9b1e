package dev.novalibvirt.cli.progress;

import dev.novalibvirt.cli.output.Redactor;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationListener;
import java.io.PrintWriter;

/**
 * Draws the {@link ProgressLine} on a terminal: each progress event redraws the one line after a {@code \r}
 * (blank-padded over a longer previous line); {@link #finish()} ends the line. Events arrive on the monitor's
 * thread, hence the lock on the writer.
 */
public final class ProgressPrinter implements MigrationListener {
    private final PrintWriter out;
    private final int width;
    private int drawn = -1;

    public ProgressPrinter(PrintWriter out, int width) {
        this.out = out;
        this.width = width;
    }

    @Override
    public void onEvent(MigrationEvent event) {
        if (event instanceof MigrationEvent.Progress p) {
            draw(ProgressLine.render(ProgressSnapshot.of(p), width));
        } else if (event instanceof MigrationEvent.Completed c) {
            draw(ProgressLine.render(new ProgressSnapshot(c.domain(), 100, c.dataBytes(), c.dataBytes(), 0, -1, 0,
                    c.postCopy()), width));
        }
    }

    private void draw(String line) {
        synchronized (out) {
            String clean = Redactor.clean(line);
            out.print("\r" + clean + " ".repeat(Math.max(0, drawn - clean.length())));
            out.flush();
            drawn = clean.length();
        }
    }

    /** Ends the progress line (if one was drawn), so that what follows starts on a line of its own. */
    public void finish() {
        synchronized (out) {
            if (drawn >= 0) {
                out.print("\n");
                out.flush();
                drawn = -1;
            }
        }
    }
}
