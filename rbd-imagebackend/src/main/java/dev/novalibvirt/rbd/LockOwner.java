package dev.novalibvirt.rbd;

/**
 * An owner of an image's managed lock ({@code rbd_lock_get_owners}); with the exclusive-lock feature this
 * is the client currently allowed to write (e.g. {@code client.4235}). {@code exclusive} is false for
 * shared mode.
 */
public record LockOwner(String owner, boolean exclusive) {
}
