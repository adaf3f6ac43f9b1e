package dev.novalibvirt.migration.drain;

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
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.exception.NoActiveMigrationForInstance;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A thread-safe fake compute host for drains: as a source its libvirt job holds until the gate opens (or it is
 * aborted) and is counted in a shared {@link Concurrency}; as a destination it can refuse the pre-check or fail
 * post_live_migration_at_destination for chosen guests (a host that cannot be reached then: needs recovery).
 */
final class FakeHost implements ComputeDriver {
    private final String host;
    private final Concurrency concurrency;
    private final CountDownLatch gate;
    private final Map<String, CountDownLatch> running = new ConcurrentHashMap<>();
    private final Set<String> aborted = ConcurrentHashMap.newKeySet();
    /** Guests in the order their libvirt job began on this source. */
    final List<String> jobsStarted = new CopyOnWriteArrayList<>();
    /** Guests that arrived here. */
    final List<String> arrived = new CopyOnWriteArrayList<>();
    /** As a destination, refuse these guests' pre-check. */
    final Set<String> refuses = ConcurrentHashMap.newKeySet();
    /** As a destination, these guests' post_live_migration_at_destination cannot reach this host. */
    final Set<String> unreachableAfterMigrating = ConcurrentHashMap.newKeySet();

    /** A host whose jobs finish at once. */
    FakeHost(String host, Concurrency concurrency) {
        this(host, concurrency, new CountDownLatch(0));
    }

    /** A host whose jobs hold until {@code gate} opens. */
    FakeHost(String host, Concurrency concurrency, CountDownLatch gate) {
        this.host = host;
        this.concurrency = concurrency;
        this.gate = gate;
    }

    @Override public String host() {
        return host;
    }

    @Override public ComputeInfo getAvailableResource() {
        return new ComputeInfo(host, "QEMU", 7002000, null, 100, 100);
    }

    @Override public LibvirtLiveMigrateData checkCanLiveMigrateDestination(Instance i, ComputeInfo s, ComputeInfo d,
                                                                           Boolean bm, Boolean oc) {
        if (refuses.contains(i.uuid())) {
            throw new MigrationPreCheckError(host + " refuses " + i.uuid() + ": not enough memory");
        }
        return LibvirtLiveMigrateData.builder().filename("tmpdrain1").imageType("rbd").build();
    }

    @Override public void cleanupLiveMigrationDestinationCheck(LibvirtLiveMigrateData d) {
    }

    @Override public LibvirtLiveMigrateData checkCanLiveMigrateSource(Instance i, LibvirtLiveMigrateData d,
                                                                      BlockDeviceInfo b) {
        return d.toBuilder().isSharedInstancePath(false).isSharedBlockStorage(true).blockMigration(false)
                .instanceRelativePath(i.uuid()).build();
    }

    @Override public LibvirtLiveMigrateData preLiveMigration(Instance i, BlockDeviceInfo b, NetworkInfo n,
                                                             LibvirtLiveMigrateData md) {
        return md.toBuilder().targetConnectAddr("198.18.0.12").build();
    }

    @Override public void liveMigration(Instance i, String dest, LiveMigrationCallbacks cb, boolean bm,
                                        LibvirtLiveMigrateData md) {
        CountDownLatch abort = new CountDownLatch(1);
        running.put(i.uuid(), abort);
        concurrency.enter(host, dest);
        jobsStarted.add(i.uuid());
        try {
            while (!gate.await(5, TimeUnit.MILLISECONDS) && !abort.await(5, TimeUnit.MILLISECONDS)) {
                // the job "copies memory" until the gate opens or it is aborted
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            concurrency.leave(host, dest);
            running.remove(i.uuid());
        }
        if (aborted.contains(i.uuid())) {
            cb.recoverMethod(i, dest, md, MigrationStatus.CANCELLED);
        } else {
            cb.postMethod(i, dest, bm, md);
        }
    }

    @Override public void liveMigrationAbort(Instance i) {
        CountDownLatch abort = running.get(i.uuid());
        if (abort == null) {
            throw new NoActiveMigrationForInstance(host + " has no migration of " + i.uuid());
        }
        aborted.add(i.uuid());
        abort.countDown();
    }

    @Override public void liveMigrationForceComplete(Instance i) {
    }

    @Override public void postLiveMigration(Instance i, BlockDeviceInfo b, LibvirtLiveMigrateData md) {
    }

    @Override public void postLiveMigrationAtSource(Instance i, NetworkInfo n) {
    }

    @Override public void postLiveMigrationAtDestination(Instance i, NetworkInfo n, boolean bm, BlockDeviceInfo b) {
        if (unreachableAfterMigrating.contains(i.uuid())) {
            throw new InternalError("End of file while reading data from " + host);
        }
        arrived.add(i.uuid());
    }

    @Override public void rollbackLiveMigrationAtSource(Instance i, LibvirtLiveMigrateData md) {
    }

    @Override public void rollbackLiveMigrationAtDestination(Instance i, NetworkInfo n, BlockDeviceInfo b,
                                                             boolean destroyDisks, LibvirtLiveMigrateData md) {
    }

    @Override public void spawn(Instance i, ImageMeta m, NetworkInfo n, BlockDeviceInfo b, boolean p) {
    }

    @Override public void destroy(Instance i, NetworkInfo n, BlockDeviceInfo b, boolean d, boolean s) {
    }

    @Override public void cleanup(Instance i, NetworkInfo n, BlockDeviceInfo b, boolean destroyDisks,
                                  LibvirtLiveMigrateData md, boolean v, boolean s) {
    }

    @Override public InstanceInfo getInfo(Instance i) {
        return new InstanceInfo(PowerState.RUNNING, 1);
    }

    @Override public boolean instanceExists(Instance i) {
        return true;
    }

    @Override public void close() {
    }
}
