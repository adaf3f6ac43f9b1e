package dev.novalibvirt.libvirt.monitor;

/** How the monitor learns that a migration job ended. */
public enum Detection {
    /**
     * libvirt's job-completed and migration-iteration events, and the migrate call's return, wake the monitor at
     * once; it still polls every poll interval. Falls back to {@link #POLLING} when events are unavailable.
     */
    EVENTS,
    /** Nova's way: look at the job every poll interval (0.5 s) and at nothing else. */
    POLLING
}
