package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.volume.HostConnector;
import dev.novalibvirt.core.volume.VolumeConfigOptions;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import dev.novalibvirt.core.volume.VolumeConnector;
import dev.novalibvirt.core.volume.VolumeDiskConfig;
import dev.novalibvirt.libvirt.host.Host;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This host's side of an RBD volume connection (Nova's {@code LibvirtNetVolumeDriver}, whose connect and disconnect
 * do nothing on the host: QEMU opens the image through librbd). Connecting checks the one thing the host must
 * have, the libvirt secret the volume's auth names; without it QEMU could not open the volume, so the refusal is a
 * {@link MigrationPreCheckError} and changes nothing. Disconnecting changes nothing and never deletes the volume.
 */
public final class HostVolumeConnector implements VolumeConnector {
    private static final Logger LOG = LoggerFactory.getLogger(HostVolumeConnector.class);

    private final Host host;
    private final HostConnector connector;
    private final VolumeConfigOptions options;

    /**
     * @param host      this host's libvirtd
     * @param connector what this host hands Cinder ({@code my_ip} and {@code host})
     * @param options   the {@code [libvirt]} options the volume config reads (the fallback secret)
     */
    public HostVolumeConnector(Host host, HostConnector connector, VolumeConfigOptions options) {
        this.host = Checks.required(host, "host");
        this.connector = Checks.required(connector, "volume connector");
        this.options = Checks.required(options, "volume config options");
    }

    @Override
    public HostConnector connector() {
        return connector;
    }

    @Override
    public void connectVolume(VolumeConnectionInfo connectionInfo, String instanceUuid) {
        Checks.required(connectionInfo, "connection_info");
        Optional<String> secret = VolumeDiskConfig.secretUuid(connectionInfo.data(), options);
        if (secret.isPresent() && host.findSecret(secret.get()).isEmpty()) {
            throw new MigrationPreCheckError("volume " + connectionInfo.volumeId() + " of instance " + instanceUuid
                    + " cannot be reached from " + connector.host() + ": its cephx secret " + secret.get()
                    + " is not defined in libvirt there");
        }
        LOG.debug("volume {} of {} usable on {}", connectionInfo.volumeId(), instanceUuid, connector.host());
    }

    @Override
    public void disconnectVolume(VolumeConnectionInfo connectionInfo, String instanceUuid) {
        Checks.required(connectionInfo, "connection_info");
        LOG.debug("volume {} of {} disconnected on {} (nothing to do for rbd)", connectionInfo.volumeId(),
                instanceUuid, connector.host());
    }
}
