package dev.novalibvirt.migration.task.truth;

/** What recovery does about one unfinished migration. */
public enum RecoveryAction {
    /** The guest lives on the destination: run the post steps; the source's definition and dir go. */
    ROLL_FORWARD,
    /** The guest lives on the source: run the rollback steps; the destination's domain and dir go. */
    ROLL_BACK,
    /** libvirt still migrates it (a peer-to-peer job outlives the process that started it): look again later. */
    WAIT,
    /** A host could not be asked: change nothing, try again later. */
    RETRY_LATER,
    /** The hosts disagree in a way no automatic action can settle safely: an operator must look. */
    MANUAL
}
