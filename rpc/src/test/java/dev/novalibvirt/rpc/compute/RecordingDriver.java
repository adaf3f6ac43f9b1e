package dev.novalibvirt.rpc.compute;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.LiveMigrationCallbacks;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.PowerState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A driver for the agent side of unit tests: records each call with its arguments, answers with fixed values, and
 * can be told to fail or to take time in a step. Pure bookkeeping; the real driver is the lab's.
 */
final class RecordingDriver implements ComputeDriver {
    /** One call as the driver saw it. */
    record Call(String method, List<Object> args) {
    }

    static final LibvirtLiveMigrateData DEST_DATA = LibvirtLiveMigrateData.builder().filename("tmpfile")
            .imageType("rbd").build();
    private final String host;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Supplier<RuntimeException>> failures = new ConcurrentHashMap<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();
    private volatile boolean migrationSucceeds = true;

    RecordingDriver(String host) {
        this.host = host;
    }

    void failIn(String method, Supplier<RuntimeException> failure) {
        failures.put(method, failure);
    }

    void delay(String method, long millis) {
        delays.put(method, millis);
    }

    void migrationFails() {
        migrationSucceeds = false;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    private void record(String method, Object... args) {
        synchronized (this) {
            calls.add(new Call(method, Arrays.asList(args)));
        }
        Long delay = delays.get(method);
        if (delay != null) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Supplier<RuntimeException> f = failures.get(method);
        if (f != null) {
            throw f.get();
        }
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public ComputeInfo getAvailableResource() {
        record("getAvailableResource");
        return new ComputeInfo(host, "QEMU", 9_000_000L, "<cpu/>", 40, 38);
    }

    @Override
    public void spawn(Instance i, ImageMeta m, NetworkInfo n, BlockDeviceInfo b, boolean powerOn) {
        record("spawn", i, m, n, b, powerOn);
    }

    @Override
    public void destroy(Instance i, NetworkInfo n, BlockDeviceInfo b, boolean disks, boolean secrets) {
        record("destroy", i, n, b, disks, secrets);
    }

    @Override
    public void cleanup(Instance i, NetworkInfo n, BlockDeviceInfo b, boolean disks, LibvirtLiveMigrateData md,
                        boolean vifs, boolean secrets) {
        record("cleanup", i, n, b, disks, md, vifs, secrets);
    }

    @Override
    public InstanceInfo getInfo(Instance i) {
        record("getInfo", i);
        return new InstanceInfo(PowerState.RUNNING, 3);
    }

    @Override
    public boolean instanceExists(Instance i) {
        record("instanceExists", i);
        return true;
    }

    @Override
    public LibvirtLiveMigrateData checkCanLiveMigrateDestination(Instance i, ComputeInfo src, ComputeInfo dst,
                                                                 Boolean block, Boolean overCommit) {
        record("checkCanLiveMigrateDestination", i, src, dst, block, overCommit);
        return DEST_DATA;
    }

    @Override
    public void cleanupLiveMigrationDestinationCheck(LibvirtLiveMigrateData d) {
        record("cleanupLiveMigrationDestinationCheck", d);
    }

    @Override
    public LibvirtLiveMigrateData checkCanLiveMigrateSource(Instance i, LibvirtLiveMigrateData d, BlockDeviceInfo b) {
        record("checkCanLiveMigrateSource", i, d, b);
        return d.toBuilder().isSharedBlockStorage(true).isSharedInstancePath(false).build();
    }

    @Override
    public LibvirtLiveMigrateData preLiveMigration(Instance i, BlockDeviceInfo b, NetworkInfo n,
                                                   LibvirtLiveMigrateData md) {
        record("preLiveMigration", i, b, n, md);
        return md.toBuilder().targetConnectAddr("198.18.0.12").build();
    }

    @Override
    public void liveMigration(Instance i, String dest, LiveMigrationCallbacks callbacks, boolean block,
                              LibvirtLiveMigrateData md) {
        record("liveMigration", i, dest, block, md);
        if (migrationSucceeds) {
            callbacks.postMethod(i, dest, block, md);
        } else {
            callbacks.recoverMethod(i, dest, md, MigrationStatus.FAILED);
        }
    }

    @Override
    public void liveMigrationAbort(Instance i) {
        record("liveMigrationAbort", i);
    }

    @Override
    public void liveMigrationForceComplete(Instance i) {
        record("liveMigrationForceComplete", i);
    }

    @Override
    public void postLiveMigration(Instance i, BlockDeviceInfo b, LibvirtLiveMigrateData md) {
        record("postLiveMigration", i, b, md);
    }

    @Override
    public void postLiveMigrationAtSource(Instance i, NetworkInfo n) {
        record("postLiveMigrationAtSource", i, n);
    }

    @Override
    public void postLiveMigrationAtDestination(Instance i, NetworkInfo n, boolean block, BlockDeviceInfo b) {
        record("postLiveMigrationAtDestination", i, n, block, b);
    }

    @Override
    public void rollbackLiveMigrationAtSource(Instance i, LibvirtLiveMigrateData md) {
        record("rollbackLiveMigrationAtSource", i, md);
    }

    @Override
    public void rollbackLiveMigrationAtDestination(Instance i, NetworkInfo n, BlockDeviceInfo b, boolean disks,
                                                   LibvirtLiveMigrateData md) {
        record("rollbackLiveMigrationAtDestination", i, n, b, disks, md);
    }

    @Override
    public void close() {
    }
}
