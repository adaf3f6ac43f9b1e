package dev.novalibvirt.conformance.demo;

import dev.novalibvirt.cli.output.Redactor;
import dev.novalibvirt.cli.progress.ProgressLine;
import dev.novalibvirt.cli.progress.ProgressPrinter;
import dev.novalibvirt.cli.progress.ProgressSnapshot;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationListener;
import java.io.PrintWriter;

/**
 * The progress bar of a hop's {@code live_migration}, from the source monitor's events, drawn with the CLI's
 * {@link ProgressLine}: on a terminal redrawn in place by the CLI's {@link ProgressPrinter}; otherwise (a log, a
 * test) a plain line at each quarter of the way and one at the end, as the CLI's drain prints its bars where
 * nothing is redrawn.
 */
final class HopProgress implements MigrationListener {
    private static final String INDENT = "  live  ";
    private static final int QUARTERS = 4;

    private final PrintWriter out;
    private final int width;
    /** Null when the lines are plain. */
    private final ProgressPrinter printer;
    /** The last quarter printed as a plain line (4: the end), -1 before the first. */
    private int quarter = -1;

    HopProgress(PrintWriter out, boolean redraw, int width) {
        this.out = out;
        this.width = width;
        this.printer = redraw ? new ProgressPrinter(out, width) : null;
    }

    @Override
    public synchronized void onEvent(MigrationEvent event) {
        if (printer != null) {
            printer.onEvent(event);
            return;
        }
        if (event instanceof MigrationEvent.Progress p) {
            ProgressSnapshot s = ProgressSnapshot.of(p);
            int q = Math.max(0, s.shownPercent()) * QUARTERS / 100;
            if (q > quarter) {
                quarter = q;
                line(s);
            }
        } else if (event instanceof MigrationEvent.Completed c && quarter < QUARTERS) {
            quarter = QUARTERS;
            line(new ProgressSnapshot(c.domain(), 100, c.dataBytes(), c.dataBytes(), 0, -1, 0, c.postCopy()));
        }
    }

    /** The bar is over: a redrawn one ends its line, so that what follows starts on a line of its own. */
    synchronized void finish() {
        if (printer != null) {
            printer.finish();
        }
    }

    private void line(ProgressSnapshot s) {
        synchronized (out) {
            out.println(Redactor.clean(INDENT + ProgressLine.render(s, width - INDENT.length())));
            out.flush();
        }
    }
}
