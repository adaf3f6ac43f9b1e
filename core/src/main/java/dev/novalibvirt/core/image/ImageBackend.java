package dev.novalibvirt.core.image;

/**
 * One storage strategy for instance disks, selected by Nova's {@code [libvirt]images_type}; mirrors
 * {@code nova.virt.libvirt.imagebackend.Backend} plus the backend-wide parts of {@code Image}.
 *
 * <p>A backend owns its connections (e.g. to a Ceph cluster) and releases them in {@link #close()}.
 * Implementations are safe for concurrent use by several threads.
 */
public interface ImageBackend extends AutoCloseable {

    /** The {@code images_type} value this backend serves, e.g. {@code "rbd"}. */
    String imagesType();

    /**
     * The image of one instance disk; mirrors {@code Backend.by_name(instance, name)}. Creates nothing:
     * call {@link Image#create} to bring the disk into existence.
     */
    Image image(InstanceDisk disk);

    /**
     * Whether disks of this backend live on storage every compute host sees (Nova's
     * {@code Image.is_shared_block_storage}); RBD answers {@code true}, local files {@code false}.
     * Live migration then needs no block migration for these disks.
     */
    boolean isSharedBlockStorage();

    /**
     * Whether the disk files live under the instance directory ({@code Image.is_file_in_instance_path});
     * {@code false} for RBD. Decides, with shared-instance-path detection, whether the destination instance
     * directory must be created and the source one removed after migration.
     */
    boolean isFileInInstancePath();

    /** Whether {@link Image#create} can copy-on-write clone a base image ({@code SUPPORTS_CLONE}). */
    boolean supportsClone();

    /**
     * Removes every disk of exactly this instance and nothing else; mirrors Nova's
     * {@code LibvirtDriver._cleanup_rbd} / {@code rbd_utils.cleanup_volumes}. Idempotent: no disks, no error.
     *
     * @param instanceUuid canonical lowercase uuid; anything else is refused with
     *                     {@link dev.novalibvirt.core.exception.InvalidInput} before any image is touched
     * @return the names of the removed images (backend-specific names, e.g. {@code <uuid>_disk})
     */
    java.util.List<String> cleanupInstanceDisks(String instanceUuid);

    /**
     * Whether {@link #currentMonitors()} reports the storage cluster's monitors (RBD: yes). Answered without I/O, so
     * that the libvirt driver's builder can derive its monitor source from the backend.
     */
    default boolean reportsMonitors() {
        return false;
    }

    /**
     * The storage cluster's monitors now, in the order its disks list them (for RBD: the live monmap, Nova's
     * {@code RBDDriver.get_mon_addrs}); read at each call, never cached, because monitors move under running guests.
     *
     * @throws UnsupportedOperationException when {@link #reportsMonitors()} is false
     */
    default java.util.List<MonitorEndpoint> currentMonitors() {
        throw new UnsupportedOperationException("the " + imagesType() + " image backend reports no storage monitors");
    }

    /** Releases the backend's connections; further calls fail. Idempotent. */
    @Override
    void close();
}
