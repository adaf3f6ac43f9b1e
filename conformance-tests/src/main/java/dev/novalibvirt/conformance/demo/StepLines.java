package dev.novalibvirt.conformance.demo;

import dev.novalibvirt.cli.output.Redactor;
import dev.novalibvirt.cli.progress.Units;
import dev.novalibvirt.migration.task.LiveMigrationListener;
import dev.novalibvirt.migration.task.Step;
import dev.novalibvirt.migration.task.StepReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A hop's contract steps, printed compactly: each as {@code name host duration}, comma-separated, a phase to a
 * labelled line wrapped at the output's width. The steps before {@code live_migration} are printed as it starts, so
 * that its progress bar follows them; the rest once the hop is over ({@link #take()}). Every call also goes to
 * {@code next} (the busy console's source tail). The task calls it from its own thread.
 */
final class StepLines implements LiveMigrationListener {
    /** {@code "  pre   "}: the label column. */
    static final int LABEL = 8;

    private final PrintWriter out;
    private final int width;
    private final LiveMigrationListener next;
    private final List<StepReport> pending = new ArrayList<>();

    StepLines(PrintWriter out, int width, LiveMigrationListener next) {
        this.out = out;
        this.width = width;
        this.next = next;
    }

    @Override
    public void stepStarted(Step step, String host) {
        next.stepStarted(step, host);
        if (step == Step.LIVE_MIGRATION) {
            print(out, lines("pre", items(take()), width));
        }
    }

    @Override
    public void stepFinished(StepReport report) {
        synchronized (pending) {
            pending.add(report);
        }
        next.stepFinished(report);
    }

    /** The steps finished since the last take, in order. */
    List<StepReport> take() {
        synchronized (pending) {
            List<StepReport> taken = List.copyOf(pending);
            pending.clear();
            return taken;
        }
    }

    /** {@code pre_live_migration host-b 180 ms}, or with {@code FAILED: <error>} after it. */
    static String item(StepReport r) {
        return r.step().name().toLowerCase(Locale.ROOT) + " " + r.host() + " " + Units.duration(r.duration())
                + (r.succeeded() ? "" : " FAILED: " + r.error());
    }

    static List<String> items(List<StepReport> steps) {
        return steps.stream().map(StepLines::item).toList();
    }

    /**
     * {@code items} comma-separated after {@code label} in lines of at most {@code width} columns, continued under
     * the first item; an item longer than a line gets a line of its own, whole. No line when there is no item.
     */
    static List<String> lines(String label, List<String> items, int width) {
        String first = String.format(Locale.ROOT, "  %-" + (LABEL - 2) + "s", label);
        String indent = " ".repeat(first.length());
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i) + (i < items.size() - 1 ? "," : "");
            if (!empty && line.length() + 1 + item.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(item);
            empty = false;
        }
        if (!empty) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * Prints {@code lines} together (the progress bar's thread prints to the same writer), through the CLI's last
     * guard against a secret a daemon's error text might echo.
     */
    static void print(PrintWriter out, List<String> lines) {
        synchronized (out) {
            lines.forEach(l -> out.println(Redactor.clean(l)));
            out.flush();
        }
    }
}
