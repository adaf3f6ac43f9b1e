package dev.novalibvirt.migration.volume;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.volume.HostConnector;
import dev.novalibvirt.core.volume.VolumeApi;
import dev.novalibvirt.core.volume.VolumeAttachment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cinder v3.44 attachment flow around a live migration, as Nova's compute manager runs it:
 * <ol>
 *   <li>{@link #attachDestination}: before the destination's {@code pre_live_migration}, an attachment per volume
 *       for the destination's connector, whose connection info the destination connects
 *       ({@code _do_pre_live_migration}); if one fails, those made so far are deleted;</li>
 *   <li>{@link #completeDestination}: once the destination's driver connected them ({@code attachment_complete});</li>
 *   <li>{@link #deleteSource}: after success, the source host's attachments ({@code _post_live_migration}), a
 *       failure logged and not raised, as Nova does;</li>
 *   <li>{@link #rollbackDestination}: on a failed migration, the destination's attachments
 *       ({@code _rollback_volume_bdms}); the source's stay.</li>
 * </ol>
 * Only attachments are created and deleted; no step deletes a volume. Volumes without a Cinder attachment (the
 * pre-3.44 flow, or a caller that gives device and serial only) are passed through unchanged.
 */
public final class VolumeAttachments {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeAttachments.class);

    private final VolumeApi volumeApi;

    public VolumeAttachments(VolumeApi volumeApi) {
        this.volumeApi = Checks.required(volumeApi, "volume api");
    }

    /**
     * Mirrors the volume part of {@code ComputeManager._do_pre_live_migration} on the destination.
     *
     * @param destinationConnector the destination's {@code get_volume_connector}
     * @throws RuntimeException what the volume service raised, after the attachments made so far were deleted
     */
    public DestinationVolumes attachDestination(Instance instance, BlockDeviceInfo source,
                                                HostConnector destinationConnector) {
        Checks.required(instance, "instance");
        Checks.required(source, "source block device info");
        Checks.required(destinationConnector, "destination volume connector");
        List<BlockDeviceMapping> destination = new ArrayList<>();
        Map<String, String> sourceAttachments = new LinkedHashMap<>();
        List<String> created = new ArrayList<>();
        try {
            for (BlockDeviceMapping bdm : source.blockDeviceMapping()) {
                if (bdm.attachmentId() == null || bdm.volumeId() == null) {
                    destination.add(bdm);
                    continue;
                }
                VolumeAttachment a = volumeApi.attachmentCreate(bdm.volumeId(), instance.uuid(),
                        destinationConnector, "/dev/" + bdm.targetDev());
                created.add(a.id());
                if (a.connectionInfo() == null) {
                    throw new MigrationError("the attachment of volume " + bdm.volumeId() + " for "
                            + destinationConnector.host() + " came back without connection info");
                }
                sourceAttachments.put(bdm.volumeId(), bdm.attachmentId());
                destination.add(bdm.withConnectionInfo(a.connectionInfo()).withAttachmentId(a.id()));
            }
        } catch (RuntimeException e) {
            for (String id : created) {
                deleteQuietly(id, "rollback of pre_live_migration of " + instance.uuid());
            }
            throw e;
        }
        return new DestinationVolumes(new BlockDeviceInfo(source.rootDeviceName(), destination), sourceAttachments);
    }

    /** Mirrors {@code attachment_complete} for each destination attachment once its connection is made. */
    public void completeDestination(DestinationVolumes volumes) {
        for (BlockDeviceMapping bdm : newAttachments(volumes)) {
            volumeApi.attachmentComplete(bdm.attachmentId());
        }
    }

    /** Mirrors {@code _rollback_volume_bdms}: the destination's attachments go, the source's stay. */
    public void rollbackDestination(Instance instance, DestinationVolumes volumes) {
        for (BlockDeviceMapping bdm : newAttachments(volumes)) {
            deleteQuietly(bdm.attachmentId(), "rollback of " + instance.uuid());
        }
    }

    /** Mirrors the v3.44 branch of {@code _post_live_migration}: the source host's attachments are deleted. */
    public void deleteSource(Instance instance, DestinationVolumes volumes) {
        for (String id : volumes.sourceAttachmentIds().values()) {
            deleteQuietly(id, "post_live_migration of " + instance.uuid());
        }
    }

    /** Destination attachments that differ from the source's (Nova deletes only those). */
    private static List<BlockDeviceMapping> newAttachments(DestinationVolumes volumes) {
        Checks.required(volumes, "destination volumes");
        return volumes.destination().blockDeviceMapping().stream()
                .filter(b -> b.attachmentId() != null && b.volumeId() != null
                        && volumes.sourceAttachmentIds().containsKey(b.volumeId())
                        && !b.attachmentId().equals(volumes.sourceAttachmentIds().get(b.volumeId())))
                .toList();
    }

    private void deleteQuietly(String attachmentId, String during) {
        try {
            volumeApi.attachmentDelete(attachmentId);
        } catch (RuntimeException e) {
            LOG.warn("{}: could not delete volume attachment {}: {}", during, attachmentId,
                    e.getClass().getSimpleName());
        }
    }
}
