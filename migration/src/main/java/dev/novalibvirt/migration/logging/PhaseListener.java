package dev.novalibvirt.migration.logging;

/**
 * Hears how long each phase of a migration step took (e.g. a benchmark's per-phase table); called on the thread that
 * ran the phase, right after it. Implementations must be quick and must not throw; a failure is logged and ignored.
 */
@FunctionalInterface
public interface PhaseListener {

    /**
     * @param step  the contract step, in Nova's name ({@code live_migration}, {@code check_can_live_migrate_source})
     * @param phase the phase within it ({@code migratable_xml}, {@code monitor_wait}, ...)
     * @param nanos how long it took
     */
    void phase(String step, String phase, long nanos);

    /** Hears nothing. */
    PhaseListener NONE = (step, phase, nanos) -> { };
}
