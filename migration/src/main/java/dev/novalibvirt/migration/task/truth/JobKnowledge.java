package dev.novalibvirt.migration.task.truth;

/** What the journal last recorded about libvirt's migration job. */
public enum JobKnowledge {
    /** The job's end was never recorded (the process died first, or it never started). */
    UNKNOWN,
    /** The monitor saw the job complete: the destination had the guest. */
    COMPLETED,
    /** The monitor saw the job fail or be cancelled: the source kept the guest. */
    FAILED
}
