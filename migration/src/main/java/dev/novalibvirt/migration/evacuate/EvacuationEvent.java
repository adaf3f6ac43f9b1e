package dev.novalibvirt.migration.evacuate;

import java.util.List;

/** What an evacuation reports while it runs, in order: the fence, then each guest's start and end. */
public sealed interface EvacuationEvent {

    /**
     * The dead host is fenced.
     *
     * @param host    the dead host
     * @param entries the entries added now (empty when it was fenced already)
     * @param already whether it was fenced before the evacuation
     */
    record Fenced(String host, List<String> entries, boolean already) implements EvacuationEvent {
        public Fenced {
            entries = List.copyOf(entries);
        }
    }

    /**
     * A guest's rebuild begins.
     *
     * @param index 1-based position in the evacuation
     * @param total guests in the evacuation
     */
    record Rebuilding(String uuid, String name, String destination, int index, int total) implements EvacuationEvent {
    }

    /** A guest's rebuild ended. */
    record Ended(GuestEvacuation guest, int index, int total) implements EvacuationEvent {
    }
}
