/**
 * The compute manager's part of a live migration with Cinder volumes (Nova's {@code ComputeManager}): attachments
 * for the destination host, completed once its connections are made, rolled back on failure, and the source's
 * deleted after success, through an embedder's {@link dev.novalibvirt.core.volume.VolumeApi}.
 */
package dev.novalibvirt.migration.volume;
