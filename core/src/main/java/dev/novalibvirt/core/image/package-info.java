/**
 * The image-backend SPI: Nova's {@code nova/virt/libvirt/imagebackend.py} strategy ({@code Backend},
 * {@code Image}) as Java interfaces and value types.
 *
 * <p>An {@link dev.novalibvirt.core.image.ImageBackend} is chosen by Nova's {@code [libvirt]images_type}
 * ({@link dev.novalibvirt.core.image.ImageBackends}); it hands out one
 * {@link dev.novalibvirt.core.image.Image} per instance disk ({@link dev.novalibvirt.core.image.InstanceDisk}).
 * The storage-topology questions the migration code asks ({@code isSharedBlockStorage},
 * {@code isFileInInstancePath}) are answered here, once per backend, never by string tests on paths.
 * Implementations: {@code dev.novalibvirt.rbd} (images_type=rbd).
 */
package dev.novalibvirt.core.image;
