package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateBDMInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.core.topology.CleanupPlan;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import dev.novalibvirt.core.volume.VolumeConnector;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.libvirt.host.Guest;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ends of a migration: Nova's {@code post_live_migration}, {@code post_live_migration_at_source},
 * {@code post_live_migration_at_destination}, {@code rollback_live_migration_at_source} and
 * {@code rollback_live_migration_at_destination}. With RBD image disks most are nothing to do; the rollback at
 * the destination follows the {@link CleanupPlan} and never deletes shared disks. Volumes are disconnected (the
 * source's after success, the destination's on rollback) and never deleted.
 */
final class PostAndRollback {
    private static final Logger LOG = LoggerFactory.getLogger(PostAndRollback.class);

    private final DriverContext ctx;
    private final VolumeConnector volumes;

    PostAndRollback(DriverContext ctx, VolumeConnector volumes) {
        this.ctx = ctx;
        this.volumes = volumes;
    }

    PostAndRollback(DriverContext ctx) {
        this(ctx, VolumeConnectors.of(ctx));
    }

    /**
     * Nova's {@code post_live_migration}: disconnect each volume of the source's block device info (the source's
     * connection info), ignoring a volume's failure; image-backend RBD disks need nothing. No volume is deleted.
     */
    void postAtSourceVolumes(Instance instance, BlockDeviceInfo blockDeviceInfo) {
        LOG.debug("post_live_migration of {} on {}: {} volumes", instance.uuid(), ctx.hostName(),
                blockDeviceInfo.blockDeviceMapping().size());
        VolumeConnectors.disconnectQuietly(volumes, blockDeviceInfo.blockDeviceMapping(), instance.uuid());
    }

    /**
     * The destination's volume connections made by {@code pre_live_migration} (they are in {@code migrate_data.bdms}),
     * disconnected as Nova's rollback does through {@code remove_volume_connection}; a connection that cannot be
     * read is skipped, as one that fails to disconnect is.
     */
    private void disconnectDestinationVolumes(Instance instance, LibvirtLiveMigrateData migrateData) {
        if (migrateData == null || migrateData.bdms() == null) {
            return;
        }
        for (LibvirtLiveMigrateBDMInfo bdm : migrateData.bdms()) {
            Optional<VolumeConnectionInfo> info;
            try {
                info = bdm.connectionInfo();
            } catch (NovaException e) {
                LOG.warn("rollback of {} on {}: connection of volume {} unreadable, not disconnected",
                        instance.uuid(), ctx.hostName(), bdm.serial());
                continue;
            }
            info.ifPresent(i -> VolumeConnectors.disconnectQuietly(volumes, i, instance.uuid()));
        }
    }

    /** Nova unplugs the VIFs; a linux bridge outlives the guest's tap, which QEMU's exit removed already. */
    void postAtSource(Instance instance) {
        LOG.debug("post_live_migration_at_source of {} on {}", instance.uuid(), ctx.hostName());
    }

    /**
     * Nova's {@code post_live_migration_at_destination}: PERSIST_DEST defined the domain here, so this only checks
     * that it did ({@code InstanceNotFound} otherwise). A guest that arrived and then stopped (its QEMU crashed or was
     * killed after the switch-over) still lives here: Nova does not check the power state either, and the manager
     * records whatever state the guest is in; refusing would leave a finished migration unfinished and the guest
     * owned by no host. Serial ports {@code pre_live_migration} acquired for the instance that its arrived XML does
     * not use (a guest with a file console) are given back; Nova keeps them until the guest is destroyed.
     */
    void postAtDestination(Instance instance) {
        Guest guest = ctx.host().guest(instance.name());
        InstanceInfo info = guest.info();
        if (info.state() != PowerState.RUNNING && info.state() != PowerState.PAUSED) {
            LOG.warn("instance {} arrived on {} but is {} now; it stays here in that state", instance.uuid(),
                    ctx.hostName(), info.state());
        }
        if (ctx.config().consoles().serialEnabled()) {
            Set<SerialPorts.HostPort> used = Set.copyOf(SerialPorts.fromGuest(DomainXml.parse(guest.xml(0))));
            int released = ctx.serialPorts().releaseUnused(instance.uuid(), used);
            LOG.debug("{} serial port(s) acquired for {} but unused by its XML released", released, instance.uuid());
        }
    }

    /** Nova re-attaches SR-IOV VIFs here; bridged VIFs stayed attached. */
    void rollbackAtSource(Instance instance) {
        LOG.debug("rollback_live_migration_at_source of {} on {}", instance.uuid(), ctx.hostName());
    }

    /** Nova's {@code destroy(destroy_disks)} of the half-arrived guest, then the instance dir per the plan. */
    void rollbackAtDestination(Instance instance, boolean destroyDisks, LibvirtLiveMigrateData migrateData) {
        CleanupPlan plan = CleanupPlan.forRollbackAtDestination(destroyDisks,
                migrateData == null ? null : migrateData.isSharedInstancePath(),
                ctx.imageBackend().isSharedBlockStorage());
        LOG.debug("rollback at destination of {} on {}: {}", instance.uuid(), ctx.hostName(), plan);
        try {
            disconnectDestinationVolumes(instance, migrateData);
            ctx.host().findGuest(instance.name()).ifPresent(g -> {
                g.poweroff();
                g.undefine();
            });
            if (plan.removeInstanceDisks()) {
                ctx.imageBackend().cleanupInstanceDisks(instance.uuid());
            }
        } finally {
            releaseSerialPorts(migrateData);
            if (plan.removeInstanceDir()) {
                ctx.dirs().removeInstanceDir(DriverContext.relativePath(instance, migrateData));
            }
        }
    }

    /** Nova's rollback at the destination: the {@code serial_listen_ports} reserved here are released. */
    private void releaseSerialPorts(LibvirtLiveMigrateData migrateData) {
        if (migrateData == null || migrateData.serialListenPorts() == null) {
            return;
        }
        String host = SerialPorts.listenHost(migrateData, ctx.config().consoles());
        migrateData.serialListenPorts().forEach(port -> ctx.serialPorts().release(host, port));
    }
}
