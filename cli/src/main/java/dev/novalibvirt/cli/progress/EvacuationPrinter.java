package dev.novalibvirt.cli.progress;

import dev.novalibvirt.cli.output.Redactor;
import dev.novalibvirt.migration.evacuate.EvacuationEvent;
import dev.novalibvirt.migration.evacuate.EvacuationListener;
import dev.novalibvirt.migration.evacuate.EvacuationOutcome;
import dev.novalibvirt.migration.evacuate.GuestEvacuation;
import java.io.PrintWriter;

/**
 * An evacuation's progress, one line per thing that happened, in the style of a drain's ({@link DrainPrinter}): the
 * fence, each guest leaving for its destination, and its end with the count of guests done. A rebuild is a spawn of
 * a few seconds, with no bytes to show, so there is no bar.
 */
public final class EvacuationPrinter implements EvacuationListener {
    private final PrintWriter out;

    public EvacuationPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void on(EvacuationEvent event) {
        if (event instanceof EvacuationEvent.Fenced f) {
            line(f.already() ? "  " + f.host() + " is fenced already"
                    : "  " + f.host() + " fenced: " + String.join(", ", f.entries()) + " blocklisted");
        } else if (event instanceof EvacuationEvent.Rebuilding r) {
            line("  " + r.name() + " -> " + r.destination() + "  rebuilding");
        } else if (event instanceof EvacuationEvent.Ended e) {
            line(ended(e.guest(), e.index(), e.total()));
        }
    }

    static String ended(GuestEvacuation g, int index, int total) {
        StringBuilder l = new StringBuilder("  [").append(index).append('/').append(total).append("] ")
                .append(g.name()).append("  ").append(g.state());
        EvacuationOutcome o = g.outcome();
        if (o instanceof EvacuationOutcome.Rebuilt r) {
            l.append(" on ").append(r.destination()).append(r.earlierRun() && r.took().isZero()
                    ? " (by an earlier run)" : " in " + Units.duration(r.took()));
        } else if (o instanceof EvacuationOutcome.Refused r) {
            l.append(g.destination() == null ? "" : " (to " + g.destination() + ")").append(": ")
                    .append(r.refusal().getClass().getSimpleName()).append(": ").append(r.refusal().getMessage());
        } else if (o instanceof EvacuationOutcome.Failed f) {
            l.append(" on ").append(f.destination()).append(": ").append(f.error().getClass().getSimpleName())
                    .append(": ").append(f.error().getMessage());
        }
        return l.toString();
    }

    private void line(String text) {
        out.println(Redactor.clean(text.strip().isEmpty() ? text : text.replaceAll("\\s*\\R\\s*", " ")));
        out.flush();
    }
}
