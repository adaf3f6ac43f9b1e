/**
 * Cinder RBD volumes: the connection info Cinder hands out for {@code driver_volume_type: rbd}
 * ({@link dev.novalibvirt.core.volume.VolumeConnectionInfo}, parsed strictly from Nova's JSON), the volume's disk
 * XML (Nova's {@code LibvirtNetVolumeDriver.get_config} with {@code _set_cache_mode}:
 * {@link dev.novalibvirt.core.volume.VolumeDiskConfig}), and the service ports an embedder implements: the
 * block-storage service's attachments ({@link dev.novalibvirt.core.volume.VolumeApi}) and the host side of a
 * connection ({@link dev.novalibvirt.core.volume.VolumeConnector}).
 */
package dev.novalibvirt.core.volume;
