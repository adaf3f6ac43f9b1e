package dev.novalibvirt.migration.task.journal;

/** What a {@link JournalRecord} says happened. */
public enum JournalEvent {
    /** A migration was asked for: the instance, both hosts, the options. */
    BEGIN,
    /** A step is about to run on its host. */
    STEP_STARTED,
    /** A step returned; its outputs that recovery needs (storage topology, paths) come with it. */
    STEP_FINISHED,
    /** A step threw; the error's class and message come with it. */
    STEP_FAILED,
    /** libvirt's job ended: {@code status} is completed, failed, cancelled or unknown. */
    JOB_ENDED,
    /** The migration ended: {@code outcome} is COMPLETED, ROLLED_BACK or NEEDS_RECOVERY (then not final). */
    END
}
