package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateBDMInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.Vif;
import dev.novalibvirt.core.driver.VifMigrateData;
import dev.novalibvirt.core.exception.DestinationDiskExists;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.topology.StorageTopology;
import dev.novalibvirt.core.volume.VolumeConnector;
import java.util.List;

/**
 * Nova's {@code pre_live_migration} on the destination: every check first (bridges, cephx secret, instance dir,
 * no domain of that name), then the changes (secret, instance dir, console.log, volume connections), undone newest
 * first if one fails ({@link UndoStack}), so that a refusal leaves this host exactly as it was. Each volume is connected with the connection info
 * this host's attachment gave (the caller refreshed it, as Nova's manager does before the driver call) and goes
 * back to the source in {@code migrate_data.bdms}. Volumes given without connection info (device and serial only)
 * are not connected and travel without a bdm: the source leaves their disks as they are.
 *
 * <p>With {@code [serial_console] enabled} one port per serial console is acquired here at
 * {@code serial_listen_addr} and sent back in {@code serial_listen_ports} (a full range refuses the migration with
 * {@code SocketPortRangeExhaustedException} before anything changed). The VIFs this host plugs are the destination
 * binding's ({@code migrate_data.vifs}, Nova's {@code get_dest_vif}) when the caller sent one, else this host's
 * network info, which then goes back as {@code vifs} so that the source writes this host's bridges into the XML.
 */
final class DestinationPreparer {
    private final DriverContext ctx;
    private final Bridges bridges;
    private final DestinationSecret secret;
    private final VolumeConnector volumes;

    DestinationPreparer(DriverContext ctx, Bridges bridges, DestinationSecret secret, VolumeConnector volumes) {
        this.ctx = ctx;
        this.bridges = bridges;
        this.secret = secret;
        this.volumes = volumes;
    }

    DestinationPreparer(DriverContext ctx, Bridges bridges, DestinationSecret secret) {
        this(ctx, bridges, secret, VolumeConnectors.of(ctx));
    }

    LibvirtLiveMigrateData prepare(Instance instance, NetworkInfo networkInfo, LibvirtLiveMigrateData migrateData) {
        return prepare(instance, BlockDeviceInfo.none(), networkInfo, migrateData);
    }

    LibvirtLiveMigrateData prepare(Instance instance, BlockDeviceInfo blockDeviceInfo, NetworkInfo networkInfo,
                                   LibvirtLiveMigrateData migrateData) {
        List<BlockDeviceMapping> connectable = blockDeviceInfo == null ? List.of()
                : blockDeviceInfo.blockDeviceMapping().stream().filter(b -> b.connectionInfo() != null).toList();
        // built before any change: a volume without a serial is refused here
        List<LibvirtLiveMigrateBDMInfo> bdms = connectable.stream().map(LibvirtLiveMigrateBDMInfo::of).toList();
        StorageTopology topology = StorageTopology.of(migrateData);
        String relative = DriverContext.relativePath(instance, migrateData);
        InstanceDirs dirs = ctx.dirs();
        List<Vif> destVifs = destinationVifs(networkInfo, migrateData);
        bridges.require(new NetworkInfo(destVifs), "pre_live_migration");
        SecretCheck.Action secretAction = secret.check();
        if (!topology.sharedInstancePath() && dirs.exists(relative)) {
            throw new DestinationDiskExists(dirs.instanceDir(relative));
        }
        if (ctx.host().findGuest(instance.name()).isPresent()) {
            throw new MigrationPreCheckError("a domain named " + instance.name() + " already exists on "
                    + ctx.hostName());
        }
        // acquired last of the checks: a full port range refuses with nothing else changed
        String serialHost = SerialPorts.listenHost(migrateData, ctx.config().consoles());
        List<Integer> serialPorts = acquireSerialPorts(serialHost, instance);
        UndoStack undo = new UndoStack("pre_live_migration of " + instance.uuid());
        serialPorts.forEach(port -> undo.push("release of serial port " + port,
                () -> ctx.serialPorts().release(serialHost, port)));
        try {
            if (secretAction == SecretCheck.Action.DEFINE) {
                secret.define();
                undo.push("undefine of the secret", secret::undefineQuietly);
            }
            if (!topology.sharedInstancePath()) {
                dirs.createDestinationDir(relative);
                undo.push("instance dir removal", () -> dirs.removeInstanceDir(relative));
            }
            if (!Boolean.TRUE.equals(migrateData.blockMigration())) {
                // Nova's _ensure_console_log_for_instance: QEMU opens it on arrival
                dirs.ensureInstanceDir(relative);
                dirs.touchConsoleLog(relative);
            }
            for (BlockDeviceMapping bdm : connectable) {
                volumes.connectVolume(bdm.connectionInfo(), instance.uuid());
                undo.push("disconnect of volume " + bdm.serial(),
                        () -> VolumeConnectors.disconnectQuietly(volumes, bdm.connectionInfo(), instance.uuid()));
            }
        } catch (RuntimeException e) {
            throw undo.undoAll(e);
        }
        return migrateData.toBuilder()
                .targetConnectAddr(ctx.libvirt().liveMigrationInboundAddr())
                .serialListenPorts(serialPorts)
                .vifs(hasBinding(migrateData) ? migrateData.vifs()
                        : destVifs.stream().map(v -> VifMigrateData.boundOn(ctx.hostName(), v)).toList())
                .bdms(bdms)
                .dstInstancesPath(dirs.instancesPath().toString())
                .build();
    }

    /** Nova's {@code _pre_live_migration_plug_vifs}: the destination binding's VIFs when set, else network_info. */
    private static List<Vif> destinationVifs(NetworkInfo networkInfo, LibvirtLiveMigrateData migrateData) {
        if (hasBinding(migrateData)) {
            return migrateData.vifs().stream().map(VifMigrateData::destVif).toList();
        }
        return networkInfo == null ? List.of() : networkInfo.vifs();
    }

    private static boolean hasBinding(LibvirtLiveMigrateData migrateData) {
        return migrateData.vifs() != null && !migrateData.vifs().isEmpty();
    }

    /**
     * Nova acquires {@code hardware.get_number_of_serial_ports(flavor, image)} ports, 1 unless the flavor or image
     * asks for more; flavors and image properties are not modelled here, so it is always Nova's default, 1.
     */
    private List<Integer> acquireSerialPorts(String host, Instance instance) {
        if (!ctx.config().consoles().serialEnabled()) {
            return List.of();
        }
        return List.of(ctx.serialPorts().acquire(host, instance.uuid()));
    }
}
