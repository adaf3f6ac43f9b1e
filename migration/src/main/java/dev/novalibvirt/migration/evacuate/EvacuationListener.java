package dev.novalibvirt.migration.evacuate;

/** Told of each {@link EvacuationEvent} on the evacuation's thread; must be quick and must not throw. */
@FunctionalInterface
public interface EvacuationListener {
    EvacuationListener NONE = event -> { };

    void on(EvacuationEvent event);
}
