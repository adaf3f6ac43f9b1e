package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.volume.HostConnector;
import dev.novalibvirt.core.volume.VolumeConfigOptions;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import dev.novalibvirt.core.volume.VolumeConnector;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The driver's default volume connector, and disconnecting as Nova's post and rollback steps do. */
final class VolumeConnectors {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeConnectors.class);

    private VolumeConnectors() {
    }

    /** A {@link HostVolumeConnector} for this host: {@code my_ip} (else the host name) and {@code host}. */
    static VolumeConnector of(DriverContext ctx) {
        String ip = ctx.config().defaults().myIp() != null ? ctx.config().defaults().myIp() : ctx.hostName();
        return new HostVolumeConnector(ctx.host(), HostConnector.linux(ip, ctx.hostName()),
                VolumeConfigOptions.of(ctx.libvirt()));
    }

    /** Disconnects each volume that has connection info; one failing does not keep the others connected. */
    static void disconnectQuietly(VolumeConnector volumes, List<BlockDeviceMapping> bdms, String instanceUuid) {
        for (BlockDeviceMapping bdm : bdms) {
            if (bdm.connectionInfo() != null) {
                disconnectQuietly(volumes, bdm.connectionInfo(), instanceUuid);
            }
        }
    }

    /** Nova ignores a volume's disconnect failure in post_live_migration (its per-volume try/except). */
    static void disconnectQuietly(VolumeConnector volumes, VolumeConnectionInfo info, String instanceUuid) {
        try {
            volumes.disconnectVolume(info, instanceUuid);
        } catch (RuntimeException e) {
            LOG.warn("could not disconnect volume {} of {}: {}", info.volumeId(), instanceUuid,
                    e.getClass().getSimpleName());
        }
    }
}
