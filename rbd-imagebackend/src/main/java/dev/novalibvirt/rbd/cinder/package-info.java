/**
 * A Cinder v3 attachments client ({@code OpenStack-API-Version: volume 3.44}), the block-storage service behind
 * {@link dev.novalibvirt.core.volume.VolumeApi}, in the same shape as the Glance client next to it.
 */
package dev.novalibvirt.rbd.cinder;
