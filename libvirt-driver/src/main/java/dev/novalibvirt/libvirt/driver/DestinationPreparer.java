package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.DestinationDiskExists;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.topology.StorageTopology;
import java.util.List;

/**
 * Nova's {@code pre_live_migration} on the destination: every check first (bridges, cephx secret, instance dir,
 * no domain of that name), then the changes (secret, instance dir, console.log), undone if one fails, so that a
 * refusal leaves this host exactly as it was.
 */
final class DestinationPreparer {
    private final DriverContext ctx;
    private final Bridges bridges;
    private final DestinationSecret secret;

    DestinationPreparer(DriverContext ctx, Bridges bridges, DestinationSecret secret) {
        this.ctx = ctx;
        this.bridges = bridges;
        this.secret = secret;
    }

    LibvirtLiveMigrateData prepare(Instance instance, NetworkInfo networkInfo, LibvirtLiveMigrateData migrateData) {
        StorageTopology topology = StorageTopology.of(migrateData);
        String relative = DriverContext.relativePath(instance, migrateData);
        InstanceDirs dirs = ctx.dirs();
        bridges.require(networkInfo, "pre_live_migration");
        SecretCheck.Action secretAction = secret.check();
        if (!topology.sharedInstancePath() && dirs.exists(relative)) {
            throw new DestinationDiskExists(dirs.instanceDir(relative));
        }
        if (ctx.host().findGuest(instance.name()).isPresent()) {
            throw new MigrationPreCheckError("a domain named " + instance.name() + " already exists on "
                    + ctx.hostName());
        }
        boolean createdDir = false;
        boolean definedSecret = false;
        try {
            if (secretAction == SecretCheck.Action.DEFINE) {
                secret.define();
                definedSecret = true;
            }
            if (!topology.sharedInstancePath()) {
                dirs.createDestinationDir(relative);
                createdDir = true;
            }
            if (!Boolean.TRUE.equals(migrateData.blockMigration())) {
                // Nova's _ensure_console_log_for_instance: QEMU opens it on arrival
                dirs.ensureInstanceDir(relative);
                dirs.touchConsoleLog(relative);
            }
        } catch (RuntimeException e) {
            if (createdDir) {
                dirs.removeInstanceDir(relative);
            }
            if (definedSecret) {
                secret.undefineQuietly();
            }
            throw e;
        }
        return migrateData.toBuilder()
                .targetConnectAddr(ctx.libvirt().liveMigrationInboundAddr())
                .serialListenPorts(List.of())
                .bdms(List.of())
                .dstInstancesPath(dirs.instancesPath().toString())
                .build();
    }
}
