package dev.novalibvirt.agent;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.LiveMigrationCallbacks;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's driver with the agent's {@link IncomingLedger} kept beside it: every step goes to the driver as it
 * came; a {@code pre_live_migration} that returned is recorded, and a step that ends the instance's migration on
 * this host removes the record. A ledger that cannot be written is logged and does not fail the step: the step
 * changed the host already, and the controller's journal still knows the migration.
 */
final class LedgeredDriver implements ComputeDriver {
    private static final Logger LOG = LoggerFactory.getLogger(LedgeredDriver.class);
    private final ComputeDriver driver;
    private final IncomingLedger ledger;
    private final Path instancesPath;
    private final Clock clock;

    LedgeredDriver(ComputeDriver driver, IncomingLedger ledger, Path instancesPath, Clock clock) {
        this.driver = driver;
        this.ledger = ledger;
        this.instancesPath = instancesPath;
        this.clock = clock;
    }

    @Override
    public LibvirtLiveMigrateData preLiveMigration(Instance instance, BlockDeviceInfo blockDeviceInfo,
                                                   NetworkInfo networkInfo, LibvirtLiveMigrateData migrateData) {
        boolean dirBefore = Files.isDirectory(instancesPath.resolve(instance.uuid()));
        LibvirtLiveMigrateData result = driver.preLiveMigration(instance, blockDeviceInfo, networkInfo, migrateData);
        boolean created = !dirBefore && Files.isDirectory(instancesPath.resolve(instance.uuid()));
        try {
            ledger.prepared(instance, clock.instant(), created);
        } catch (RuntimeException e) {
            LOG.error("pre_live_migration of {} on {}: {}; a restart of this agent will not know it prepared it",
                    instance.uuid(), driver.host(), e.getMessage());
        }
        return result;
    }

    @Override
    public void postLiveMigrationAtDestination(Instance instance, NetworkInfo networkInfo, boolean blockMigration,
                                               BlockDeviceInfo blockDeviceInfo) {
        driver.postLiveMigrationAtDestination(instance, networkInfo, blockMigration, blockDeviceInfo);
        settle(instance);
    }

    @Override
    public void rollbackLiveMigrationAtDestination(Instance instance, NetworkInfo networkInfo,
                                                   BlockDeviceInfo blockDeviceInfo, boolean destroyDisks,
                                                   LibvirtLiveMigrateData migrateData) {
        driver.rollbackLiveMigrationAtDestination(instance, networkInfo, blockDeviceInfo, destroyDisks, migrateData);
        settle(instance);
    }

    @Override
    public void destroy(Instance instance, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo,
                        boolean destroyDisks, boolean destroySecrets) {
        driver.destroy(instance, networkInfo, blockDeviceInfo, destroyDisks, destroySecrets);
        settle(instance);
    }

    @Override
    public void cleanup(Instance instance, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo,
                        boolean destroyDisks, LibvirtLiveMigrateData migrateData, boolean destroyVifs,
                        boolean destroySecrets) {
        driver.cleanup(instance, networkInfo, blockDeviceInfo, destroyDisks, migrateData, destroyVifs,
                destroySecrets);
        settle(instance);
    }

    private void settle(Instance instance) {
        try {
            if (ledger.settled(instance.uuid())) {
                LOG.debug("incoming migration of {} settled on {}", instance.uuid(), driver.host());
            }
        } catch (RuntimeException e) {
            LOG.warn("{} on {}: {}", instance.uuid(), driver.host(), e.getMessage());
        }
    }

    // Everything else goes to the driver untouched.

    @Override
    public String host() {
        return driver.host();
    }

    @Override
    public ComputeInfo getAvailableResource() {
        return driver.getAvailableResource();
    }

    @Override
    public void spawn(Instance instance, ImageMeta imageMeta, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo,
                      boolean powerOn) {
        driver.spawn(instance, imageMeta, networkInfo, blockDeviceInfo, powerOn);
    }

    @Override
    public InstanceInfo getInfo(Instance instance) {
        return driver.getInfo(instance);
    }

    @Override
    public boolean instanceExists(Instance instance) {
        return driver.instanceExists(instance);
    }

    @Override
    public void attachVolume(VolumeConnectionInfo connectionInfo, Instance instance, String mountpoint,
                             String diskBus, String deviceType) {
        driver.attachVolume(connectionInfo, instance, mountpoint, diskBus, deviceType);
    }

    @Override
    public void detachVolume(VolumeConnectionInfo connectionInfo, Instance instance, String mountpoint) {
        driver.detachVolume(connectionInfo, instance, mountpoint);
    }

    @Override
    public LibvirtLiveMigrateData checkCanLiveMigrateDestination(Instance instance, ComputeInfo srcComputeInfo,
                                                                 ComputeInfo dstComputeInfo, Boolean blockMigration,
                                                                 Boolean diskOverCommit) {
        return driver.checkCanLiveMigrateDestination(instance, srcComputeInfo, dstComputeInfo, blockMigration,
                diskOverCommit);
    }

    @Override
    public void cleanupLiveMigrationDestinationCheck(LibvirtLiveMigrateData destCheckData) {
        driver.cleanupLiveMigrationDestinationCheck(destCheckData);
    }

    @Override
    public LibvirtLiveMigrateData checkCanLiveMigrateSource(Instance instance, LibvirtLiveMigrateData destCheckData,
                                                            BlockDeviceInfo blockDeviceInfo) {
        return driver.checkCanLiveMigrateSource(instance, destCheckData, blockDeviceInfo);
    }

    @Override
    public void liveMigration(Instance instance, String dest, LiveMigrationCallbacks callbacks, boolean blockMigration,
                              LibvirtLiveMigrateData migrateData) {
        driver.liveMigration(instance, dest, callbacks, blockMigration, migrateData);
    }

    @Override
    public void liveMigrationAbort(Instance instance) {
        driver.liveMigrationAbort(instance);
    }

    @Override
    public void liveMigrationForceComplete(Instance instance) {
        driver.liveMigrationForceComplete(instance);
    }

    @Override
    public void postLiveMigration(Instance instance, BlockDeviceInfo blockDeviceInfo,
                                  LibvirtLiveMigrateData migrateData) {
        driver.postLiveMigration(instance, blockDeviceInfo, migrateData);
    }

    @Override
    public void postLiveMigrationAtSource(Instance instance, NetworkInfo networkInfo) {
        driver.postLiveMigrationAtSource(instance, networkInfo);
    }

    @Override
    public void rollbackLiveMigrationAtSource(Instance instance, LibvirtLiveMigrateData migrateData) {
        driver.rollbackLiveMigrationAtSource(instance, migrateData);
    }

    @Override
    public void close() {
        driver.close();
    }

    @Override
    public String toString() {
        return driver.toString();
    }
}
