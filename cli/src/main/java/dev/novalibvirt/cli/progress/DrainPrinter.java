package dev.novalibvirt.cli.progress;

import dev.novalibvirt.cli.output.Redactor;
import dev.novalibvirt.migration.drain.DrainProgress;
import dev.novalibvirt.migration.drain.DrainResult;
import dev.novalibvirt.migration.drain.GuestProgress;
import dev.novalibvirt.migration.drain.GuestResult;
import dev.novalibvirt.migration.drain.GuestState;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A drain's progress, one line per thing that happened (several guests migrate at once, so no line is redrawn): a
 * guest leaving for its destination, its progress bar at every tenth of the way (the source monitor's events), a
 * pause or post-copy switch, and its end with the count of guests done. Fed by the monitors' events and by the
 * command polling {@link DrainProgress}; {@link #finish} prints the ends the polls did not see.
 */
public final class DrainPrinter implements MigrationListener {
    private final PrintWriter out;
    private final Map<String, String> names;
    private final DrainFigures figures;
    private final int total;
    private final int width;
    private final Map<String, GuestState> shown = new HashMap<>();
    private final Map<String, Integer> decile = new HashMap<>();
    private int done;

    /**
     * @param names  domain name per instance uuid, for the guests of the drain
     * @param total  how many guests the drain has
     * @param width  the width of the progress bars
     */
    public DrainPrinter(PrintWriter out, Map<String, String> names, DrainFigures figures, int total, int width) {
        this.out = out;
        this.names = Map.copyOf(names);
        this.figures = figures;
        this.total = total;
        this.width = width;
    }

    @Override
    public void onEvent(MigrationEvent event) {
        if (event instanceof MigrationEvent.Progress p) {
            ProgressSnapshot s = ProgressSnapshot.of(p);
            int tenth = Math.max(0, s.shownPercent()) / 10;
            synchronized (out) {
                if (tenth > decile.getOrDefault(p.domain(), -1)) {
                    decile.put(p.domain(), tenth);
                    line("  " + ProgressLine.render(s, width - 2));
                }
            }
        } else if (event instanceof MigrationEvent.Paused p) {
            line("  " + p.domain() + "  paused so that the copy converges (" + p.reason() + ")");
        } else if (event instanceof MigrationEvent.PostCopySwitched p) {
            line("  " + p.domain() + "  switched to post-copy (" + p.reason() + ")");
        }
    }

    /** A poll of the drain: guests that left, and guests that ended since the last poll. */
    public void update(DrainProgress progress) {
        synchronized (out) {
            for (GuestProgress g : progress.guests()) {
                GuestState before = shown.get(g.uuid());
                if (g.state() == before || before != null && before.isFinal()) {
                    continue;
                }
                if (g.state() == GuestState.MIGRATING) {
                    line("  " + name(g.uuid()) + " -> " + g.destination() + "  migrating");
                } else if (g.state().isFinal()) {
                    ended(g.uuid(), g.state(), g.destination());
                }
                if (g.state() != GuestState.QUEUED) {
                    shown.put(g.uuid(), g.state());
                }
            }
        }
    }

    /** The drain is over: the ends no poll saw. */
    public void finish(DrainResult result) {
        synchronized (out) {
            for (GuestResult g : result.guests()) {
                GuestState before = shown.get(g.uuid());
                if (before == null || !before.isFinal()) {
                    ended(g.uuid(), g.state(), g.destination());
                    shown.put(g.uuid(), g.state());
                }
            }
        }
    }

    private void ended(String uuid, GuestState state, String destination) {
        done++;
        StringBuilder l = new StringBuilder("  [").append(done).append('/').append(total).append("] ")
                .append(name(uuid)).append("  ").append(state);
        if (state == GuestState.COMPLETED) {
            MigrationFigures f = figures.of(name(uuid));
            l.append(" on ").append(destination).append("  downtime ")
                    .append(f.downtimeMs() < 0 ? "unknown" : Units.duration(Duration.ofMillis(f.downtimeMs())))
                    .append(", ").append(f.bytes() < 0 ? "?" : Units.bytes(f.bytes())).append(" transferred");
        } else if (destination != null) {
            l.append(" (to ").append(destination).append(')');
        }
        line(l.toString());
    }

    private String name(String uuid) {
        return names.getOrDefault(uuid, uuid);
    }

    private void line(String text) {
        synchronized (out) {
            out.println(Redactor.clean(text));
            out.flush();
        }
    }
}
