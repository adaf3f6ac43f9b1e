package dev.novalibvirt.migration.evacuate;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.LiveMigrationCallbacks;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.NovaException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compute host for evacuations: its domains by uuid with their power state, the spawns and destroys it was asked
 * for (with {@code destroy_disks}), and a spawn or destroy that fails for chosen guests.
 */
final class FakeCompute implements ComputeDriver {
    private final String host;
    final Map<String, PowerState> domains = new LinkedHashMap<>();
    final List<String> spawned = new ArrayList<>();
    /** {@code uuid destroy_disks=BOOL} per destroy. */
    final List<String> destroyed = new ArrayList<>();
    final Map<String, NovaException> spawnFails = new LinkedHashMap<>();
    final Map<String, NovaException> destroyFails = new LinkedHashMap<>();

    FakeCompute(String host) {
        this.host = host;
    }

    FakeCompute running(Instance i) {
        domains.put(i.uuid(), PowerState.RUNNING);
        return this;
    }

    @Override public String host() {
        return host;
    }

    @Override public void spawn(Instance i, ImageMeta m, NetworkInfo n, BlockDeviceInfo b, boolean powerOn) {
        spawned.add(i.uuid());
        NovaException fail = spawnFails.get(i.uuid());
        if (fail != null) {
            throw fail;
        }
        domains.put(i.uuid(), powerOn ? PowerState.RUNNING : PowerState.SHUTDOWN);
    }

    @Override public void destroy(Instance i, NetworkInfo n, BlockDeviceInfo b, boolean destroyDisks, boolean s) {
        destroyed.add(i.uuid() + " destroy_disks=" + destroyDisks);
        NovaException fail = destroyFails.get(i.uuid());
        if (fail != null) {
            throw fail;
        }
        domains.remove(i.uuid());
    }

    @Override public InstanceInfo getInfo(Instance i) {
        PowerState s = domains.get(i.uuid());
        if (s == null) {
            throw new InstanceNotFound(i.uuid());
        }
        return new InstanceInfo(s, s == PowerState.RUNNING ? 1 : -1);
    }

    @Override public boolean instanceExists(Instance i) {
        return domains.containsKey(i.uuid());
    }

    @Override public void close() {
    }

    // ------------------------------------------------------------------ not part of an evacuation

    @Override public ComputeInfo getAvailableResource() {
        throw new UnsupportedOperationException();
    }

    @Override public void cleanup(Instance i, NetworkInfo n, BlockDeviceInfo b, boolean d, LibvirtLiveMigrateData md,
                                  boolean v, boolean s) {
        throw new UnsupportedOperationException("an evacuation cleans up through destroy");
    }

    @Override public LibvirtLiveMigrateData checkCanLiveMigrateDestination(Instance i, ComputeInfo s, ComputeInfo d,
                                                                           Boolean bm, Boolean oc) {
        throw new UnsupportedOperationException();
    }

    @Override public void cleanupLiveMigrationDestinationCheck(LibvirtLiveMigrateData d) {
        throw new UnsupportedOperationException();
    }

    @Override public LibvirtLiveMigrateData checkCanLiveMigrateSource(Instance i, LibvirtLiveMigrateData d,
                                                                      BlockDeviceInfo b) {
        throw new UnsupportedOperationException();
    }

    @Override public LibvirtLiveMigrateData preLiveMigration(Instance i, BlockDeviceInfo b, NetworkInfo n,
                                                             LibvirtLiveMigrateData md) {
        throw new UnsupportedOperationException();
    }

    @Override public void liveMigration(Instance i, String dest, LiveMigrationCallbacks cb, boolean bm,
                                        LibvirtLiveMigrateData md) {
        throw new UnsupportedOperationException();
    }

    @Override public void liveMigrationAbort(Instance i) {
        throw new UnsupportedOperationException();
    }

    @Override public void liveMigrationForceComplete(Instance i) {
        throw new UnsupportedOperationException();
    }

    @Override public void postLiveMigration(Instance i, BlockDeviceInfo b, LibvirtLiveMigrateData md) {
        throw new UnsupportedOperationException();
    }

    @Override public void postLiveMigrationAtSource(Instance i, NetworkInfo n) {
        throw new UnsupportedOperationException();
    }

    @Override public void postLiveMigrationAtDestination(Instance i, NetworkInfo n, boolean bm, BlockDeviceInfo b) {
        throw new UnsupportedOperationException();
    }

    @Override public void rollbackLiveMigrationAtSource(Instance i, LibvirtLiveMigrateData md) {
        throw new UnsupportedOperationException();
    }

    @Override public void rollbackLiveMigrationAtDestination(Instance i, NetworkInfo n, BlockDeviceInfo b,
                                                             boolean destroyDisks, LibvirtLiveMigrateData md) {
        throw new UnsupportedOperationException();
    }
}
