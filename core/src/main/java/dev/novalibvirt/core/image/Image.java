package dev.novalibvirt.core.image;

import dev.novalibvirt.core.xml.domain.Disk;
import java.util.List;
import java.util.Optional;

/**
 * One instance disk in an image backend; mirrors {@code nova.virt.libvirt.imagebackend.Image} (and, for RBD,
 * {@code imagebackend.Rbd}). Methods validate their arguments first and change nothing on bad input.
 *
 * <p>{@link #libvirtInfo} gives the image's libvirt disk element ({@code Image.libvirt_info}) as the typed
 * XML model of {@code dev.novalibvirt.core.xml}.
 */
public interface Image {

    /** The instance disk this image belongs to. */
    InstanceDisk disk();

    /**
     * A human- and qemu-readable location, e.g. {@code rbd:vms/<uuid>_disk} or a file path; mirrors
     * {@code Image.path}. Contains no secrets.
     */
    String path();

    /** Whether the disk exists in the backend ({@code Image.exists}). */
    boolean exists();

    /**
     * Virtual size in bytes ({@code Image.get_disk_size}).
     *
     * @throws dev.novalibvirt.core.exception.DiskNotFound when the disk does not exist
     */
    long size();

    /**
     * Creates the disk from a source and grows it to {@code sizeBytes} when the source is smaller; mirrors
     * {@code Image.create_image} (with Nova's clone-first logic in {@code Rbd.clone}). A disk that already
     * exists is left alone (only grown if smaller), as in Nova.
     *
     * @param sizeBytes the wanted virtual size, &gt; 0; or 0 for the source's own size, never resized (Nova's
     *                  {@code size=None} from {@code root_gb = 0}); a blank disk needs a size &gt; 0
     * @throws dev.novalibvirt.core.exception.InvalidInput for a negative size, or 0 with a blank source
     * @throws dev.novalibvirt.core.exception.ImageUnacceptable when the source cannot be used
     */
    void create(ImageSource source, long sizeBytes);

    /**
     * Grows the disk ({@code Image.resize_image}). Equal size is a no-op.
     *
     * @throws dev.novalibvirt.core.exception.ResizeError when {@code newSizeBytes} is smaller than the disk
     * @throws dev.novalibvirt.core.exception.InvalidInput for a non-positive size
     */
    void resize(long newSizeBytes);

    /** Per-image form of {@link ImageBackend#isSharedBlockStorage()} ({@code is_shared_block_storage}). */
    boolean isSharedBlockStorage();

    /** Per-image form of {@link ImageBackend#isFileInInstancePath()} ({@code is_file_in_instance_path}). */
    boolean isFileInInstancePath();

    /** The copy-on-write parent, if the disk is a clone ({@code rbd_utils.parent_info}). */
    Optional<ParentInfo> parent();

    /** Copies the parent's data into the disk and detaches it from the parent; no-op without a parent. */
    void flatten();

    /** Snapshots of this disk, oldest first. */
    List<SnapshotInfo> snapshots();

    /** Creates a snapshot, optionally protected ({@code Image.create_snap}). */
    void createSnapshot(String name, boolean protect);

    /**
     * Removes a snapshot ({@code Image.remove_snap}); a protected snapshot is unprotected first only when
     * {@code force} is set. A missing snapshot is ignored when {@code ignoreErrors} is set.
     */
    void removeSnapshot(String name, boolean ignoreErrors, boolean force);

    /**
     * Rolls the disk back to a snapshot ({@code Image.rollback_to_snap}).
     *
     * @throws dev.novalibvirt.core.exception.SnapshotNotFound when it does not exist
     */
    void rollbackToSnapshot(String name);

    /**
     * Nova's {@code Rbd.direct_snapshot}: snapshot and protect this disk, clone it into the image store as
     * {@code imageId}, flatten the clone, give it a protected snapshot {@code snap}, and return its location
     * (for RBD {@code rbd://fsid/pool/imageId/snap}).
     *
     * @throws UnsupportedOperationException when the backend cannot (Nova's {@code ImageUnacceptable} path)
     */
    String directSnapshot(String snapshotName, String imageId);

    /** Undoes {@link #directSnapshot} for a location it returned ({@code Rbd.cleanup_direct_snapshot}). */
    void cleanupDirectSnapshot(String location);

    /** Removes the disk (with the backend's bounded retry on busy); missing disks are not an error. */
    void remove();

    /**
     * The libvirt {@code <disk>} of this image ({@code Image.libvirt_info}), built now: for RBD with the
     * current monitors. The backend applies {@code disk_cachemodes} for its source type over
     * {@link DiskConfigRequest#cacheMode()} (Nova's {@code _set_cache_mode}).
     */
    Disk libvirtInfo(DiskConfigRequest request);
}
