package dev.novalibvirt.migration.task;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.LiveMigrationCallbacks;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.DestinationHypervisorTooOld;
import dev.novalibvirt.core.exception.InvalidHypervisorType;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.core.topology.CleanupPlan;
import dev.novalibvirt.core.topology.StorageTopology;
import dev.novalibvirt.migration.uri.MigrationUris;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live migration, run end to end in the order of Nova's conductor ({@code LiveMigrationTask}) and compute manager
 * ({@code check_can_live_migrate_destination} ... {@code _post_live_migration} / {@code _rollback_live_migration}),
 * against two drivers. An embedding controller calls {@link #execute}; Nova's RPC hops become direct calls.
 *
 * <p>Outcomes: a refused pre-check throws Nova's exception with nothing changed on either host (the destination
 * check's test file is always removed). A failed {@code pre_live_migration} throws after the destination has undone
 * its own partial work; unlike Nova the task then does not call {@code rollback_live_migration_at_destination},
 * which would delete a directory that {@code DestinationDiskExists} refused to touch. Once libvirt's job ran, the
 * result says whether the guest moved; post or rollback steps have run by then, per the {@link CleanupPlan}.
 */
public final class LiveMigrationTask {
    private static final Logger LOG = LoggerFactory.getLogger(LiveMigrationTask.class);

    private final ComputeDriver source;
    private final ComputeDriver destination;
    private final LiveMigrationListener listener;
    private final Clock clock;

    /** A task that reports its steps to nobody. */
    public LiveMigrationTask(ComputeDriver source, ComputeDriver destination) {
        this(source, destination, LiveMigrationListener.none());
    }

    /**
     * @param source      the driver of the host the guest runs on
     * @param destination the driver of the host it moves to
     * @param listener    hears each {@link Step} start and finish (null: nobody); byte progress is the source
     *                    driver's migration monitor's business, not this listener's
     */
    public LiveMigrationTask(ComputeDriver source, ComputeDriver destination, LiveMigrationListener listener) {
        this(source, destination, listener, Clock.systemUTC());
    }

    public LiveMigrationTask(ComputeDriver source, ComputeDriver destination, LiveMigrationListener listener,
                             Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.listener = listener == null ? LiveMigrationListener.none() : listener;
        this.clock = clock;
    }

    /**
     * Migrates {@code instance} from the source to the destination driver's host.
     *
     * @param blockMigration null to let the source decide (Nova's default), else forced
     * @param diskOverCommit null when unset
     * @return how the migration ended (completed, or failed/cancelled with the guest still on the source)
     * @throws dev.novalibvirt.core.exception.NovaException a pre-check refusal or a pre_live_migration failure
     */
    public LiveMigrationResult execute(Instance instance, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo,
                                       Boolean blockMigration, Boolean diskOverCommit) {
        Run run = new Run(instance, networkInfo, blockDeviceInfo);
        long start = clock.millis();
        String dest = MigrationUris.requireValidHostname(destination.host());

        ComputeInfo[] infos = run.step(Step.CHECK_COMPATIBLE_HYPERVISOR, source.host(), () -> {
            ComputeInfo src = source.getAvailableResource();
            ComputeInfo dst = destination.getAvailableResource();
            if (!src.hypervisorType().equals(dst.hypervisorType())) {
                throw new InvalidHypervisorType("source hypervisor " + src.hypervisorType() + " differs from "
                        + "destination " + dst.hypervisorType());
            }
            if (src.hypervisorVersion() > dst.hypervisorVersion()) {
                throw new DestinationHypervisorTooOld("destination hypervisor " + dst.hypervisorVersion()
                        + " is older than the source's " + src.hypervisorVersion());
            }
            return new ComputeInfo[] {src, dst};
        });
        LibvirtLiveMigrateData destCheck = run.step(Step.CHECK_CAN_LIVE_MIGRATE_DESTINATION, dest,
                () -> destination.checkCanLiveMigrateDestination(instance, infos[0], infos[1], blockMigration,
                        diskOverCommit));
        LibvirtLiveMigrateData checked;
        try {
            // The source manager sets is_volume_backed before its driver check.
            LibvirtLiveMigrateData withVolumeBacked = destCheck.toBuilder()
                    .isVolumeBacked(instance.isVolumeBacked()).build();
            checked = run.step(Step.CHECK_CAN_LIVE_MIGRATE_SOURCE, source.host(),
                    () -> source.checkCanLiveMigrateSource(instance, withVolumeBacked, blockDeviceInfo));
        } finally {
            run.step(Step.CLEANUP_LIVE_MIGRATION_DESTINATION_CHECK, dest, () -> {
                destination.cleanupLiveMigrationDestinationCheck(destCheck);
                return null;
            });
        }
        LibvirtLiveMigrateData pre = run.step(Step.PRE_LIVE_MIGRATION, dest,
                () -> destination.preLiveMigration(instance, blockDeviceInfo, networkInfo, checked));
        run.migrateData = pre;

        boolean block = Boolean.TRUE.equals(pre.blockMigration());
        Outcome outcome = new Outcome();
        try {
            run.step(Step.LIVE_MIGRATION, source.host(), () -> {
                source.liveMigration(instance, dest, outcome, block, pre);
                return null;
            });
        } catch (RuntimeException e) {
            // The driver raised instead of reporting through a callback (e.g. it could not start the job): the
            // guest is still on the source, so roll back as a failed migration would.
            LOG.warn("live_migration of {} raised; rolling back", instance.uuid(), e);
            rollback(run, pre);
            throw e;
        }
        if (outcome.completed == null) {
            rollback(run, pre);
            throw new MigrationError("live_migration of " + instance.uuid() + " returned without calling back");
        }
        if (outcome.completed) {
            post(run, pre, block);
        } else {
            rollback(run, pre);
        }
        return new LiveMigrationResult(outcome.completed, outcome.status, run.migrateData, run.reports,
                Duration.ofMillis(clock.millis() - start));
    }

    /** {@code _post_live_migration} then {@code post_live_migration_at_destination}. */
    private void post(Run run, LibvirtLiveMigrateData md, boolean block) {
        CleanupPlan.ManagerFlags flags = CleanupPlan.managerCleanupFlags(StorageTopology.of(md));
        run.step(Step.POST_LIVE_MIGRATION, source.host(), () -> {
            source.postLiveMigration(run.instance, run.blockDeviceInfo, md);
            return null;
        });
        // post_live_migration_at_source unplugs the VIFs; only a driver without it (Nova's NotImplementedError)
        // leaves that to cleanup (destroy_vifs=True), as in Nova's _post_live_migration.
        boolean destroyVifs = run.step(Step.POST_LIVE_MIGRATION_AT_SOURCE, source.host(), () -> {
            try {
                source.postLiveMigrationAtSource(run.instance, run.networkInfo);
                return false;
            } catch (UnsupportedOperationException e) {
                LOG.debug("{} has no post_live_migration_at_source; cleanup unplugs the VIFs", source.host());
                return true;
            }
        });
        if (flags.doCleanup()) {
            run.step(Step.CLEANUP_SOURCE, source.host(), () -> {
                source.cleanup(run.instance, run.networkInfo, run.blockDeviceInfo, flags.destroyDisks(), md,
                        destroyVifs, true);
                return null;
            });
        }
        run.step(Step.POST_LIVE_MIGRATION_AT_DESTINATION, destination.host(), () -> {
            destination.postLiveMigrationAtDestination(run.instance, run.networkInfo, block, run.blockDeviceInfo);
            return null;
        });
    }

    /** {@code _rollback_live_migration}: source first, then the destination when the plan says to clean up. */
    private void rollback(Run run, LibvirtLiveMigrateData md) {
        CleanupPlan.ManagerFlags flags = CleanupPlan.managerCleanupFlags(StorageTopology.of(md));
        run.step(Step.ROLLBACK_LIVE_MIGRATION_AT_SOURCE, source.host(), () -> {
            source.rollbackLiveMigrationAtSource(run.instance, md);
            return null;
        });
        if (flags.doCleanup()) {
            run.step(Step.ROLLBACK_LIVE_MIGRATION_AT_DESTINATION, destination.host(), () -> {
                destination.rollbackLiveMigrationAtDestination(run.instance, run.networkInfo,
                        run.blockDeviceInfo.withoutVolumes(), flags.destroyDisks(), md);
                return null;
            });
        }
    }

    /** The callbacks handed to the source driver; they only record the outcome, the task runs the steps after. */
    private static final class Outcome implements LiveMigrationCallbacks {
        Boolean completed;
        MigrationStatus status;

        @Override
        public void postMethod(Instance instance, String dest, boolean blockMigration, LibvirtLiveMigrateData md) {
            completed = true;
        }

        @Override
        public void recoverMethod(Instance instance, String dest, LibvirtLiveMigrateData md, MigrationStatus s) {
            completed = false;
            status = s;
        }
    }

    /** State of one execution: what every step needs, and the reports so far. */
    private final class Run {
        final Instance instance;
        final NetworkInfo networkInfo;
        final BlockDeviceInfo blockDeviceInfo;
        final List<StepReport> reports = new ArrayList<>();
        LibvirtLiveMigrateData migrateData;

        Run(Instance instance, NetworkInfo networkInfo, BlockDeviceInfo blockDeviceInfo) {
            this.instance = Objects.requireNonNull(instance, "instance");
            this.networkInfo = networkInfo == null ? NetworkInfo.none() : networkInfo;
            this.blockDeviceInfo = blockDeviceInfo == null ? BlockDeviceInfo.none() : blockDeviceInfo;
        }

        <T> T step(Step step, String host, Supplier<T> body) {
            listener.stepStarted(step, host);
            long t0 = System.nanoTime();
            try {
                T value = body.get();
                finish(step, host, t0, null);
                return value;
            } catch (RuntimeException e) {
                finish(step, host, t0, e.getClass().getSimpleName() + ": " + e.getMessage());
                throw e;
            }
        }

        private void finish(Step step, String host, long t0, String error) {
            StepReport r = new StepReport(step, host, Duration.ofNanos(System.nanoTime() - t0), error);
            reports.add(r);
            listener.stepFinished(r);
        }
    }
}
