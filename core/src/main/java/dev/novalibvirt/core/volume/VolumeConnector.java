package dev.novalibvirt.core.volume;

/**
 * The compute host's side of a volume connection (Nova's {@code LibvirtDriver._connect_volume} /
 * {@code _disconnect_volume} through the volume driver, and {@code get_volume_connector}). Kept apart from
 * {@link VolumeApi}: one talks to the block-storage service, this one to the host's libvirt and Ceph, and the
 * migration steps call them on different hosts.
 *
 * <p>For an RBD volume QEMU opens the image itself, so connecting checks what the host needs for that: the libvirt
 * secret that {@code secret_uuid} names is defined here (else the guest could not open the volume after a
 * migration). Disconnecting changes nothing on the host for RBD; it never deletes the volume.
 */
public interface VolumeConnector {

    /** Mirrors {@code get_volume_connector}: what this host hands the block-storage service. */
    HostConnector connector();

    /**
     * Mirrors {@code _connect_volume(context, connection_info, instance)}.
     *
     * @throws dev.novalibvirt.core.exception.MigrationPreCheckError when this host cannot reach the volume (its
     *         secret missing), with nothing changed
     */
    void connectVolume(VolumeConnectionInfo connectionInfo, String instanceUuid);

    /** Mirrors {@code _disconnect_volume(context, connection_info, instance)}. */
    void disconnectVolume(VolumeConnectionInfo connectionInfo, String instanceUuid);
}
