package dev.novalibvirt.migration.monitor;

import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nova's {@code migration.update_downtime} for one migration: the schedule's step that is due, raised to the
 * convergence policy's floor when the policy asked for more, is set on the guest when it differs from the current
 * value. A refused call is logged and the new value counts as current all the same (Nova does the same). On the
 * monitor's thread only.
 */
final class DowntimeUpdater {
    private static final Logger LOG = LoggerFactory.getLogger(LiveMigrationMonitor.class);

    private final MigrationGuest guest;
    private final DowntimeSchedule schedule;
    private final JobStartWatch startWatch;
    private Integer currentMs;
    private int floorMs;

    DowntimeUpdater(MigrationGuest guest, DowntimeSchedule schedule, JobStartWatch startWatch) {
        this.guest = guest;
        this.schedule = schedule;
        this.startWatch = startWatch;
    }

    /** The max downtime set so far (0 before the first step). */
    int allowedMs() {
        return currentMs == null ? 0 : currentMs;
    }

    /** The convergence policy's floor: later updates never set less. */
    void raiseFloor(int ms) {
        floorMs = Math.max(floorMs, ms);
    }

    /** One pass of Nova's {@code update_downtime} at {@code elapsedSec}; a change is emitted, stamped after the call. */
    void update(double elapsedSec, LongSupplier elapsedMs, Consumer<MigrationEvent> emit) {
        int scheduled = schedule.stepAt(elapsedSec).map(DowntimeStep::downtimeMs).orElse(0);
        int wanted = Math.max(scheduled, floorMs);
        if (wanted == 0 || (currentMs != null && wanted == currentMs)) {
            return;
        }
        int previous = allowedMs();
        currentMs = wanted;
        String reason = wanted > scheduled ? "convergence policy" : "downtime step at " + Math.round(elapsedSec) + " s";
        try {
            startWatch.maxDowntimeCall(() -> guest.setMaxDowntime(wanted));
            LOG.info("{}: max downtime {} -> {} ms ({})", guest.name(), previous, wanted, reason);
            emit.accept(new MigrationEvent.DowntimeChanged(guest.name(), elapsedMs.getAsLong(), previous, wanted, reason));
        } catch (MigrationGuestException e) {
            LOG.warn("{}: failed to set max downtime to {} ms: {}", guest.name(), wanted, e.getMessage());
        }
    }
}
