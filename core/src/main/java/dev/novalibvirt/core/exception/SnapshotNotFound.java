package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.SnapshotNotFound}, raised by Nova's {@code rbd_utils.rollback_to_snap} when
 * the named snapshot does not exist.
 */
public class SnapshotNotFound extends NotFound {
    private static final long serialVersionUID = 1L;

    public SnapshotNotFound(String snapshotId) {
        super("Snapshot " + snapshotId + " could not be found.");
    }
}
