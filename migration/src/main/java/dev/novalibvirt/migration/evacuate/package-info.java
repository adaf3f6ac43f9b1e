/**
 * Evacuating a dead host: {@link dev.novalibvirt.migration.evacuate.HostEvacuation} fences the host, then rebuilds
 * each of its guests on another host from the same shared disk (Nova's {@code rebuild_instance} with
 * {@code evacuate=True}, {@code nova evacuate}), with a typed result per guest, events and a journal; when the host
 * comes back, {@link dev.novalibvirt.migration.evacuate.EvacuatedHostCleanup} removes its stale copies (Nova's
 * {@code _destroy_evacuated_instances}). The storage side (fencing, who holds a disk) is the
 * {@link dev.novalibvirt.migration.evacuate.EvacuationStorage} port; rbd-libvirt's {@code RbdEvacuationStorage} is
 * the RBD one.
 */
package dev.novalibvirt.migration.evacuate;
