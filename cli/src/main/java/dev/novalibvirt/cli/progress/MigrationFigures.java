package dev.novalibvirt.cli.progress;

import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationListener;
import java.util.Optional;

/**
 * Keeps what the source's migration monitor said last: the latest byte progress and the end (downtime, bytes).
 * Written on the monitor's thread, read by the command once the task is over.
 */
public final class MigrationFigures implements MigrationListener {
    private volatile ProgressSnapshot last;
    private volatile MigrationEvent.Completed completed;

    @Override
    public void onEvent(MigrationEvent event) {
        if (event instanceof MigrationEvent.Progress p) {
            last = ProgressSnapshot.of(p);
        } else if (event instanceof MigrationEvent.Completed c) {
            completed = c;
        }
    }

    /** The latest progress, empty before the first. */
    public Optional<ProgressSnapshot> last() {
        return Optional.ofNullable(last);
    }

    /** libvirt's measured downtime in ms; -1 when the migration did not complete or libvirt gave none. */
    public long downtimeMs() {
        MigrationEvent.Completed c = completed;
        return c == null ? -1 : c.downtimeMs();
    }

    /** Bytes transferred: libvirt's figure at the end, else the latest progress's; -1 when unknown. */
    public long bytes() {
        MigrationEvent.Completed c = completed;
        if (c != null && c.dataBytes() >= 0) {
            return c.dataBytes();
        }
        ProgressSnapshot p = last;
        return p == null ? -1 : p.processed();
    }
}
