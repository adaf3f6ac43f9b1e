package dev.novalibvirt.migration.volume;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.validation.Checks;
import java.util.Map;

/**
 * The destination's volumes for one live migration: the block device info with the destination's attachments and
 * connection info (what its {@code pre_live_migration} connects), and the source's attachment per volume (Nova's
 * {@code migrate_data.old_vol_attachment_ids}), which a rollback restores and a success deletes.
 *
 * @param destination           the block device info as the destination sees it
 * @param sourceAttachmentIds   volume id to the source host's attachment id
 */
public record DestinationVolumes(BlockDeviceInfo destination, Map<String, String> sourceAttachmentIds) {
    public DestinationVolumes {
        Checks.required(destination, "destination block device info");
        // in volume order, so that the steps that walk it run in the order the volumes were given
        sourceAttachmentIds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                Checks.required(sourceAttachmentIds, "source attachment ids")));
    }
}
