package dev.novalibvirt.core.topology;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.core.xml.domain.Domain;
import java.util.function.Supplier;

/**
 * Where an instance's files and disks live relative to the two hosts of a live migration: the one decision every
 * cleanup, post and rollback step derives from (see {@link CleanupPlan}). Nova derives these booleans in three
 * layers (manager, {@code cleanup}, {@code _cleanup}); bugs 1250751, 1414895, 1761062 and 2080436 came from that.
 *
 * @param sharedInstancePath  both hosts see the same {@code instances_path} (Nova's test-file protocol)
 * @param sharedBlockStorage  the disks live on storage both hosts see (RBD on both hosts, or volume-backed)
 * @param volumeBacked        the instance boots from a volume
 */
public record StorageTopology(boolean sharedInstancePath, boolean sharedBlockStorage, boolean volumeBacked) {

    /**
     * The topology the source recorded in migrate data ({@code check_can_live_migrate_source}).
     *
     * @throws MigrationError when the source check has not set the two shared-storage fields yet
     */
    public static StorageTopology of(LibvirtLiveMigrateData data) {
        if (data.isSharedInstancePath() == null || data.isSharedBlockStorage() == null) {
            throw new MigrationError("migrate data has no storage topology yet: is_shared_instance_path="
                    + data.isSharedInstancePath() + ", is_shared_block_storage=" + data.isSharedBlockStorage()
                    + " (check_can_live_migrate_source sets them)");
        }
        return new StorageTopology(data.isSharedInstancePath(), data.isSharedBlockStorage(),
                Boolean.TRUE.equals(data.isVolumeBacked()));
    }

    /** Nova's {@code is_on_shared_storage()}: block storage or instance path shared. */
    public boolean onSharedStorage() {
        return sharedInstancePath || sharedBlockStorage;
    }

    /**
     * Mirrors {@code LibvirtDriver._is_shared_block_storage(instance, dest_check_data, block_device_info)} on the
     * source: the same image backend on both hosts that shares block storage (RBD), or file disks in a shared
     * instance path, or a volume-backed instance whose only disks are volumes or network disks. The guest's XML is
     * read only for the last case, as in Nova.
     *
     * @param destCheckData      the destination's check data with the source's {@code is_shared_instance_path}
     *                           and the manager's {@code is_volume_backed} set (unset counts as false)
     * @param sourceImagesType   the source's {@code images_type}
     * @param backendSharedBlock the source image backend's {@code is_shared_block_storage()} (RBD: true)
     * @param backendFileInInstancePath the backend's {@code is_file_in_instance_path()} (qcow2/flat: true)
     * @param guestDomain        the guest's live domain on the source, asked for only when volume-backed
     * @param blockDeviceInfo    the instance's volumes (null: none); their target devs are not local disks
     */
    public static boolean isSharedBlockStorage(LibvirtLiveMigrateData destCheckData, String sourceImagesType,
                                               boolean backendSharedBlock, boolean backendFileInInstancePath,
                                               Supplier<Domain> guestDomain, BlockDeviceInfo blockDeviceInfo) {
        String destImageType = destCheckData.imageType();
        if (destImageType != null && destImageType.equals(sourceImagesType) && backendSharedBlock) {
            return true;
        }
        if (Boolean.TRUE.equals(destCheckData.isSharedInstancePath()) && backendFileInInstancePath) {
            return true;
        }
        return Boolean.TRUE.equals(destCheckData.isVolumeBacked())
                && InstanceDisks.localDisks(guestDomain.get(), blockDeviceInfo).isEmpty();
    }

    /**
     * The same decision with the local disks already counted by the caller, who must leave volumes out (see
     * {@link InstanceDisks#localDisks}); prefer the form above, which does.
     *
     * @param destImageType            the destination's {@code images_type} from its check data (null when unset)
     * @param sourceImagesType         the source's {@code images_type}
     * @param backendSharedBlock       the source image backend's {@code is_shared_block_storage()} (RBD: true)
     * @param sharedInstancePath       the test-file result
     * @param backendFileInInstancePath the backend's {@code is_file_in_instance_path()} (qcow2/flat: true)
     * @param volumeBacked             the instance boots from a volume
     * @param hasLocalDisks            the guest has file/block disks that are not volumes (RBD network disks do
     *                                 not count)
     */
    public static boolean isSharedBlockStorage(String destImageType, String sourceImagesType,
                                               boolean backendSharedBlock, boolean sharedInstancePath,
                                               boolean backendFileInInstancePath, boolean volumeBacked,
                                               boolean hasLocalDisks) {
        if (destImageType != null && destImageType.equals(sourceImagesType) && backendSharedBlock) {
            return true;
        }
        if (sharedInstancePath && backendFileInInstancePath) {
            return true;
        }
        return volumeBacked && !hasLocalDisks;
    }
}
