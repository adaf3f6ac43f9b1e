package dev.novalibvirt.migration.task;

/** A Nova option that may be left unset (Nova's {@code None}) instead of a nullable Boolean. */
public enum Setting {
    /** Unset: the step that owns the choice decides (for block migration: the source, from the storage). */
    DEFAULT,
    ON,
    OFF;

    /** The value Nova's drivers take: null when unset. */
    public Boolean nova() {
        return this == DEFAULT ? null : this == ON;
    }

    public static Setting of(boolean value) {
        return value ? ON : OFF;
    }
}
