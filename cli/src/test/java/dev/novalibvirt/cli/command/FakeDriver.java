package dev.novalibvirt.cli.command;

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
import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compute host for the real {@code LiveMigrationTask}: answers every step, records the calls, and as a source plays
 * the migration monitor's events to the listener the CLI gave the driver.
 */
final class FakeDriver implements ComputeDriver {
    final String host;
    // a drain's tasks call from their own threads
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    /** The monitor's events that live_migration plays (source only). */
    List<MigrationEvent> events = List.of();
    /** Per domain name, instead of {@link #events} (a drain's guests). */
    final Map<String, List<MigrationEvent>> eventsOf = new HashMap<>();
    /** Per domain name: the recover callback gets this status (a drain's guest whose job fails). */
    final Map<String, MigrationStatus> jobEndsOf = new HashMap<>();
    /** Per domain name: thrown by check_can_live_migrate_source. */
    final Map<String, RuntimeException> refuseSourceCheckOf = new HashMap<>();
    MigrationListener listener = MigrationListener.NONE;
    /** null: the job completes; else the recover callback gets this status. */
    MigrationStatus jobEnds;
    /** Thrown by every post and rollback step (the host cannot be reached). */
    RuntimeException unreachable;
    /** Thrown by check_can_live_migrate_source. */
    RuntimeException refuseSourceCheck;
    volatile Instance migrated;
    /** Whether a domain is defined here, per domain name; {@link #definedByDefault} for the others. */
    final Map<String, Boolean> defined = new HashMap<>();
    boolean definedByDefault = true;
    /** The domains spawned here (an evacuation's rebuilds), and the spawns that fail. */
    final List<String> spawned = Collections.synchronizedList(new ArrayList<>());
    final Map<String, RuntimeException> spawnFailsOf = new HashMap<>();
    /** {@code name destroy_disks=BOOL} per destroy. */
    final List<String> destroyed = Collections.synchronizedList(new ArrayList<>());
    volatile boolean closed;
    /** Per domain name: its power state once rolled back here (its QEMU died during the job); RUNNING otherwise. */
    final Map<String, PowerState> stateAfterRollbackOf = new HashMap<>();
    private final List<String> rolledBack = Collections.synchronizedList(new ArrayList<>());

    FakeDriver(String host) {
        this.host = host;
    }

    private void reach(String call) {
        calls.add(call);
        if (unreachable != null) {
            throw unreachable;
        }
    }

    @Override public String host() {
        return host;
    }

    @Override public ComputeInfo getAvailableResource() {
        return new ComputeInfo(host, "QEMU", 7002000, null, 100, 100);
    }

    @Override public void spawn(Instance i, ImageMeta m, NetworkInfo n, BlockDeviceInfo b, boolean p) {
        calls.add("spawn");
        spawned.add(i.name());
        RuntimeException fail = spawnFailsOf.get(i.name());
        if (fail != null) {
            throw fail;
        }
        defined.put(i.name(), true);
    }

    @Override public void destroy(Instance i, NetworkInfo n, BlockDeviceInfo b, boolean d, boolean s) {
        calls.add("destroy");
        destroyed.add(i.name() + " destroy_disks=" + d);
        defined.put(i.name(), false);
    }

    @Override public void cleanup(Instance i, NetworkInfo n, BlockDeviceInfo b, boolean destroyDisks,
                                  LibvirtLiveMigrateData md, boolean v, boolean s) {
        reach("cleanup");
    }

    @Override public InstanceInfo getInfo(Instance i) {
        return new InstanceInfo(rolledBack.contains(i.name())
                ? stateAfterRollbackOf.getOrDefault(i.name(), PowerState.RUNNING) : PowerState.RUNNING, 1);
    }

    @Override public boolean instanceExists(Instance i) {
        return defined.getOrDefault(i.name(), definedByDefault);
    }

    @Override public LibvirtLiveMigrateData checkCanLiveMigrateDestination(Instance i, ComputeInfo s, ComputeInfo d,
                                                                           Boolean bm, Boolean oc) {
        calls.add("checkDestination");
        return LibvirtLiveMigrateData.builder().filename("tmp1").imageType("rbd").build();
    }

    @Override public void cleanupLiveMigrationDestinationCheck(LibvirtLiveMigrateData d) {
        calls.add("cleanupDestinationCheck");
    }

    @Override public LibvirtLiveMigrateData checkCanLiveMigrateSource(Instance i, LibvirtLiveMigrateData d,
                                                                      BlockDeviceInfo b) {
        calls.add("checkSource");
        rolledBack.remove(i.name()); // a new migration of it: it runs again here until its next rollback
        if (refuseSourceCheck != null) {
            throw refuseSourceCheck;
        }
        if (refuseSourceCheckOf.containsKey(i.name())) {
            throw refuseSourceCheckOf.get(i.name());
        }
        return d.toBuilder().isSharedInstancePath(false).isSharedBlockStorage(true).blockMigration(false)
                .instanceRelativePath(i.uuid()).build();
    }

    @Override public LibvirtLiveMigrateData preLiveMigration(Instance i, BlockDeviceInfo b, NetworkInfo n,
                                                             LibvirtLiveMigrateData md) {
        calls.add("pre");
        return md;
    }

    @Override public void liveMigration(Instance i, String dest, LiveMigrationCallbacks cb, boolean bm,
                                        LibvirtLiveMigrateData md) {
        calls.add("liveMigration->" + dest);
        migrated = i;
        eventsOf.getOrDefault(i.name(), events).forEach(listener::onEvent);
        MigrationStatus ends = jobEndsOf.getOrDefault(i.name(), jobEnds);
        if (ends == null) {
            cb.postMethod(i, dest, bm, md);
        } else {
            cb.recoverMethod(i, dest, md, ends);
        }
    }

    @Override public void liveMigrationAbort(Instance i) {
        calls.add("abort");
    }

    @Override public void liveMigrationForceComplete(Instance i) {
        calls.add("forceComplete");
    }

    @Override public void postLiveMigration(Instance i, BlockDeviceInfo b, LibvirtLiveMigrateData md) {
        reach("post");
    }

    @Override public void postLiveMigrationAtSource(Instance i, NetworkInfo n) {
        reach("postAtSource");
    }

    @Override public void postLiveMigrationAtDestination(Instance i, NetworkInfo n, boolean bm, BlockDeviceInfo b) {
        reach("postAtDestination");
    }

    @Override public void rollbackLiveMigrationAtSource(Instance i, LibvirtLiveMigrateData md) {
        reach("rollbackAtSource");
        rolledBack.add(i.name());
    }

    @Override public void rollbackLiveMigrationAtDestination(Instance i, NetworkInfo n, BlockDeviceInfo b,
                                                             boolean destroyDisks, LibvirtLiveMigrateData md) {
        reach("rollbackAtDestination");
    }

    @Override public void close() {
        closed = true;
    }
}
