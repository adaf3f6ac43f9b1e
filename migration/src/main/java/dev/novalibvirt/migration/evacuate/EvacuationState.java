package dev.novalibvirt.migration.evacuate;

/** How one guest of an evacuation ended. */
public enum EvacuationState {
    /** It runs on its destination from its own disk (now, or already by an earlier run in the journal). */
    REBUILT,
    /** Nothing was done: its disk is held by a live client or missing, the destination has it, no destination. */
    REFUSED,
    /** The destination's spawn failed (and undid what it made); the guest runs nowhere, its disk is kept. */
    FAILED
}
