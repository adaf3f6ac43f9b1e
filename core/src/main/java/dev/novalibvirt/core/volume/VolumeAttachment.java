package dev.novalibvirt.core.volume;

import dev.novalibvirt.core.validation.Checks;

/**
 * A Cinder v3 attachment as Nova's {@code nova.volume.cinder.API} returns it ({@code _translate_attachment_ref}):
 * the attachment's id, volume, instance, status, mode and, once a connector was given, the connection info.
 *
 * @param id             the attachment id
 * @param volumeId       {@code volume_id}
 * @param instanceUuid   {@code instance}: the server the volume is attached to
 * @param status         {@code status}: reserved, attaching, attached, detached, ...
 * @param attachMode     {@code attach_mode}: rw or ro; null when not sent
 * @param connectionInfo how the host that gave the connector reaches the volume; null for a reservation
 */
public record VolumeAttachment(String id, String volumeId, String instanceUuid, String status, String attachMode,
                               VolumeConnectionInfo connectionInfo) {
    /** @throws dev.novalibvirt.core.exception.InvalidInput for ids that are not uuids */
    public VolumeAttachment {
        Checks.matches(id, "attachment id", Checks.ANY_CASE_UUID, "a uuid");
        VolumeConnectionInfo.checkVolumeId(Checks.required(volumeId, "attachment volume_id"), "attachment volume_id");
        if (instanceUuid != null) {
            Checks.matches(instanceUuid, "attachment instance", Checks.ANY_CASE_UUID, "a uuid");
        }
    }
}
