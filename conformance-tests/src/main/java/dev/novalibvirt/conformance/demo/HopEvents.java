package dev.novalibvirt.conformance.demo;

import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationListener;

/**
 * The one migration listener both hosts' drivers are built with (once, for every hop), handing the source
 * monitor's events to the current hop's listeners: its progress bar and its figures (the downtime).
 */
final class HopEvents implements MigrationListener {
    private volatile MigrationListener current = MigrationListener.NONE;

    /** From now on the events go to {@code listener}. */
    void hear(MigrationListener listener) {
        current = listener;
    }

    /** From now on the events go nowhere (between hops). */
    void hearNothing() {
        current = MigrationListener.NONE;
    }

    @Override
    public void onEvent(MigrationEvent event) {
        current.onEvent(event);
    }
}
