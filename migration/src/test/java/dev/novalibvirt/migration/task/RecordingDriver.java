package dev.novalibvirt.migration.task;

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
import java.util.List;
import java.util.function.Function;

/** A fake driver for the task's pure ordering logic: records "host:call" into a shared journal. */
class RecordingDriver implements ComputeDriver {
    final String host;
    final List<String> journal;
    boolean sharedPath;
    boolean migrationSucceeds = true;
    RuntimeException failPre;
    RuntimeException failSourceCheck;
    boolean lastDestroyDisks;
    Boolean lastDestroyVifs;
    boolean postAtSourceUnsupported;
    Function<LibvirtLiveMigrateData, LibvirtLiveMigrateData> sourceCheck = md -> md;
    /** When set, every post/cleanup/rollback step on this host fails with it (the host cannot be reached). */
    RuntimeException unreachable;
    /** live_migration says the job switched to post-copy before it calls back (or throws). */
    boolean postCopy;
    /** When set, live_migration throws it instead of calling back. */
    RuntimeException liveMigrationThrows;
    /** What get_info answers; null = not found. */
    java.util.function.Supplier<InstanceInfo> info = () -> new InstanceInfo(PowerState.RUNNING, 1);
    /** Runs inside live_migration before it calls back (another thread's abort, say). */
    Runnable duringLiveMigration = () -> { };
    /** How many abort/force-complete calls answer NoActiveMigrationForInstance first (not registered yet). */
    int unregisteredAnswers;

    RecordingDriver(String host, List<String> journal) {
        this.host = host;
        this.journal = journal;
    }

    private void log(String call) {
        journal.add(host + ":" + call);
    }

    @Override public String host() {
        return host;
    }

    @Override public ComputeInfo getAvailableResource() {
        return new ComputeInfo(host, "QEMU", 7002000, null, 100, 100);
    }

    @Override public void spawn(Instance i, ImageMeta m, NetworkInfo n, BlockDeviceInfo b, boolean p) {
        log("spawn");
    }

    @Override public void destroy(Instance i, NetworkInfo n, BlockDeviceInfo b, boolean d, boolean s) {
        log("destroy");
    }

    @Override public void cleanup(Instance i, NetworkInfo n, BlockDeviceInfo b, boolean destroyDisks,
                                  LibvirtLiveMigrateData md, boolean v, boolean s) {
        lastDestroyDisks = destroyDisks;
        lastDestroyVifs = v;
        reach();
        log("cleanup");
    }

    @Override public InstanceInfo getInfo(Instance i) {
        InstanceInfo answer = info.get();
        if (answer == null) {
            throw new dev.novalibvirt.core.exception.InstanceNotFound(i.name());
        }
        return answer;
    }

    private void reach() {
        if (unreachable != null) {
            throw unreachable;
        }
    }

    private void registered() {
        if (unregisteredAnswers > 0) {
            unregisteredAnswers--;
            throw new dev.novalibvirt.core.exception.NoActiveMigrationForInstance(host + " has no migration yet");
        }
    }

    @Override public boolean instanceExists(Instance i) {
        return true;
    }

    @Override public LibvirtLiveMigrateData checkCanLiveMigrateDestination(Instance i, ComputeInfo s, ComputeInfo d,
                                                                           Boolean bm, Boolean oc) {
        log("checkDestination");
        return LibvirtLiveMigrateData.builder().filename("tmp1").imageType("rbd").build();
    }

    @Override public void cleanupLiveMigrationDestinationCheck(LibvirtLiveMigrateData d) {
        log("cleanupDestinationCheck");
    }

    @Override public LibvirtLiveMigrateData checkCanLiveMigrateSource(Instance i, LibvirtLiveMigrateData d,
                                                                      BlockDeviceInfo b) {
        log("checkSource");
        if (failSourceCheck != null) {
            throw failSourceCheck;
        }
        return sourceCheck.apply(d.toBuilder().isSharedInstancePath(sharedPath).isSharedBlockStorage(true)
                .blockMigration(false).instanceRelativePath(i.uuid()).build());
    }

    @Override public LibvirtLiveMigrateData preLiveMigration(Instance i, BlockDeviceInfo b, NetworkInfo n,
                                                             LibvirtLiveMigrateData md) {
        log("pre");
        if (failPre != null) {
            throw failPre;
        }
        return md.toBuilder().targetConnectAddr("198.18.0.12").build();
    }

    @Override public void liveMigration(Instance i, String dest, LiveMigrationCallbacks cb, boolean bm,
                                        LibvirtLiveMigrateData md) {
        log("liveMigration->" + dest);
        duringLiveMigration.run();
        if (postCopy) {
            cb.switchedToPostCopy(i, dest);
        }
        if (liveMigrationThrows != null) {
            throw liveMigrationThrows;
        }
        if (migrationSucceeds) {
            cb.postMethod(i, dest, bm, md);
        } else {
            cb.recoverMethod(i, dest, md, MigrationStatus.FAILED);
        }
    }

    @Override public void liveMigrationAbort(Instance i) {
        registered();
        log("abort");
    }

    @Override public void liveMigrationForceComplete(Instance i) {
        registered();
        log("forceComplete");
    }

    @Override public void postLiveMigration(Instance i, BlockDeviceInfo b, LibvirtLiveMigrateData md) {
        reach();
        log("post");
    }

    @Override public void postLiveMigrationAtSource(Instance i, NetworkInfo n) {
        reach();
        log("postAtSource");
        if (postAtSourceUnsupported) {
            throw new UnsupportedOperationException("post_live_migration_at_source");
        }
    }

    @Override public void postLiveMigrationAtDestination(Instance i, NetworkInfo n, boolean bm, BlockDeviceInfo b) {
        reach();
        log("postAtDestination");
    }

    @Override public void rollbackLiveMigrationAtSource(Instance i, LibvirtLiveMigrateData md) {
        reach();
        log("rollbackAtSource");
    }

    @Override public void rollbackLiveMigrationAtDestination(Instance i, NetworkInfo n, BlockDeviceInfo b,
                                                             boolean destroyDisks, LibvirtLiveMigrateData md) {
        lastDestroyDisks = destroyDisks;
        reach();
        log("rollbackAtDestination");
    }

    @Override public void close() {
    }
}
