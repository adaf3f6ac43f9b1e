package dev.novalibvirt.migration.monitor;

/**
 * Receives a migration's {@link MigrationEvent}s on the monitor's thread. Implementations must be quick and must
 * not throw; an exception is logged and otherwise ignored so that a listener cannot break a migration.
 */
@FunctionalInterface
public interface MigrationListener {

    void onEvent(MigrationEvent event);

    /** Hears nothing. */
    MigrationListener NONE = event -> { };

    /** Both listeners, this one first. */
    default MigrationListener andThen(MigrationListener next) {
        return event -> {
            onEvent(event);
            next.onEvent(event);
        };
    }
}
