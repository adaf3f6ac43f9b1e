package dev.novalibvirt.core.volume;

/**
 * The block-storage service's side of a volume's life on a host: Cinder v3 attachments, as Nova's
 * {@code nova.volume.cinder.API} uses them (microversion 3.44 and later). An embedder plugs its own service here;
 * {@code dev.novalibvirt.rbd.cinder.CinderClient} is Cinder's. A live migration creates an attachment for the
 * destination host ({@code pre_live_migration}), completes it when the guest runs there, and deletes the source's;
 * a rollback deletes the destination's. No method deletes a volume.
 *
 * <p>Failures are Nova's exceptions: {@code VolumeNotFound}, {@code VolumeAttachmentNotFound}, {@code Forbidden},
 * {@code InvalidInput} for what the service refused as a bad request, and the implementation's own for transport.
 */
public interface VolumeApi {

    /**
     * Mirrors {@code attachment_create(context, volume_id, instance_id, connector, mountpoint)}: a reservation
     * without a connector, an attachment with its connection info with one.
     *
     * @param connector  the host's connector, or null to only reserve
     * @param mountpoint the guest device, e.g. {@code /dev/vdb}, or null
     */
    VolumeAttachment attachmentCreate(String volumeId, String instanceUuid, HostConnector connector,
                                      String mountpoint);

    /** Mirrors {@code attachment_update(context, attachment_id, connector, mountpoint)}: connection info for it. */
    VolumeAttachment attachmentUpdate(String attachmentId, HostConnector connector, String mountpoint);

    /** Mirrors {@code attachment_complete}: the volume is in use by the host of this attachment. */
    void attachmentComplete(String attachmentId);

    /** Mirrors {@code attachment_delete}: the host's connection is gone (the volume itself stays). */
    void attachmentDelete(String attachmentId);
}
