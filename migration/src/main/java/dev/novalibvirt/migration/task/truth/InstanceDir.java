package dev.novalibvirt.migration.task.truth;

/** Whether the host's {@code instances_path/<uuid>} exists, as far as the probe could see. */
public enum InstanceDir {
    PRESENT,
    ABSENT,
    /** Not asked: the probe cannot see that host's filesystem, or the look failed. */
    UNKNOWN
}
