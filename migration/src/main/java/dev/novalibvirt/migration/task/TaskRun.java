package dev.novalibvirt.migration.task;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.DestinationHypervisorTooOld;
import dev.novalibvirt.core.exception.InvalidHypervisorType;
import dev.novalibvirt.migration.metrics.MigrationMetrics;
import dev.novalibvirt.migration.task.truth.RecoveryAction;
import dev.novalibvirt.migration.task.truth.RecoveryDecision;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a {@link LiveMigrationTask}, on the task's thread: Nova's conductor and manager steps in order,
 * each journaled before and after. Up to and including {@code pre_live_migration} a failure is thrown with
 * nothing left behind; afterwards every step's failure is recorded and the result says where the guest is.
 */
final class TaskRun {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRun.class);

    private final ComputeDriver source;
    private final ComputeDriver destination;
    private final LiveMigrationOptions options;
    private final Clock clock;
    private final TaskJournal journal;
    private final TaskControl control;
    private final Instance instance;
    private final NetworkInfo networkInfo;
    private final BlockDeviceInfo blockDeviceInfo;
    private final MigrationMetrics metrics;
    /** The guest's power state when the task began; null when unknown. */
    private final PowerState before;
    private final List<PendingStep> pending = new ArrayList<>();
    private LibvirtLiveMigrateData migrateData;

    TaskRun(ComputeDriver source, ComputeDriver destination, LiveMigrationOptions options, Clock clock,
            TaskJournal journal, TaskControl control, Instance instance, NetworkInfo networkInfo,
            BlockDeviceInfo blockDeviceInfo, MigrationMetrics metrics, PowerState before) {
        this.source = source;
        this.destination = destination;
        this.options = options;
        this.clock = clock;
        this.journal = journal;
        this.control = control;
        this.instance = instance;
        this.networkInfo = networkInfo == null ? NetworkInfo.none() : networkInfo;
        this.blockDeviceInfo = blockDeviceInfo == null ? BlockDeviceInfo.none() : blockDeviceInfo;
        this.metrics = metrics;
        this.before = before;
    }

    LiveMigrationResult run(String dest) {
        long start = clock.millis();
        try {
            LibvirtLiveMigrateData pre;
            try {
                pre = prepare(dest);
            } catch (RuntimeException refused) {
                // nothing changed on either host (pre_live_migration undoes its own partial work)
                journal.end("REFUSED", refused.getClass().getSimpleName());
                metrics.migrationEnded("refused", source.host(), dest, Duration.ofMillis(clock.millis() - start));
                throw refused;
            }
            if (pre == null) {
                return finish(start, rolledBack(MigrationStatus.CANCELLED), MigrationStatus.CANCELLED);
            }
            if (control.abortRequested()) {
                LOG.info("live migration of {} aborted before its job started", instance.uuid());
                return finish(start, rollback(pre, MigrationStatus.CANCELLED), MigrationStatus.CANCELLED);
            }
            return migrate(start, dest, pre);
        } finally {
            control.enter(Phase.DONE);
        }
    }

    /** The checks and pre_live_migration; null when an abort arrived before pre_live_migration. */
    private LibvirtLiveMigrateData prepare(String dest) {
        ComputeInfo[] infos = step(Step.CHECK_COMPATIBLE_HYPERVISOR, source.host(), () -> {
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
        LibvirtLiveMigrateData destCheck = step(Step.CHECK_CAN_LIVE_MIGRATE_DESTINATION, dest,
                () -> destination.checkCanLiveMigrateDestination(instance, infos[0], infos[1],
                        options.blockMigration().nova(), options.diskOverCommit().nova()));
        LibvirtLiveMigrateData checked;
        try {
            // The source manager sets is_volume_backed before its driver check (compute_utils.
            // is_volume_backed_instance: the root bdm decides, else the missing image_ref).
            LibvirtLiveMigrateData withVolumeBacked = destCheck.toBuilder()
                    .isVolumeBacked(blockDeviceInfo.isVolumeBacked(instance)).build();
            checked = step(Step.CHECK_CAN_LIVE_MIGRATE_SOURCE, source.host(),
                    () -> source.checkCanLiveMigrateSource(instance, withVolumeBacked, blockDeviceInfo));
        } finally {
            step(Step.CLEANUP_LIVE_MIGRATION_DESTINATION_CHECK, dest, () -> {
                destination.cleanupLiveMigrationDestinationCheck(destCheck);
                return null;
            });
        }
        migrateData = checked;
        if (control.abortRequested()) {
            LOG.info("live migration of {} aborted during its pre-checks", instance.uuid());
            return null;
        }
        control.enter(Phase.PREPARING);
        LibvirtLiveMigrateData pre = step(Step.PRE_LIVE_MIGRATION, dest,
                () -> destination.preLiveMigration(instance, blockDeviceInfo, networkInfo, checked));
        migrateData = pre;
        return pre;
    }

    /** live_migration, then post or rollback as libvirt's job (or, failing that, the hosts) say. */
    private LiveMigrationResult migrate(long start, String dest, LibvirtLiveMigrateData pre) {
        boolean block = Boolean.TRUE.equals(pre.blockMigration());
        JobCallbacks job = new JobCallbacks();
        control.enter(Phase.MIGRATING);
        String thrown = null;
        try {
            step(Step.LIVE_MIGRATION, source.host(), () -> {
                source.liveMigration(instance, dest, job, block, pre);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("live_migration of {} raised; asking both hosts where the guest is", instance.uuid(), e);
            thrown = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        control.enter(Phase.FINISHING);
        if (thrown == null && job.completed == null) {
            thrown = "live_migration returned without calling back";
        }
        if (job.postCopy && (thrown != null || !job.completed)) {
            // no net applies: after the switch the guest runs on the destination while pages are still on the
            // source, so the destination's RUNNING proves no handover and the source's stopped domain no failure
            journal.jobEnded(thrown == null ? job.status.novaName() : "unknown");
            String why = "live migration " + (thrown == null ? "ended " + job.status.novaName()
                    : "failed (" + thrown + ")") + " after it switched to post-copy: the guest's memory is split "
                    + "between " + source.host() + " and " + dest + ", so neither rolling back (destroying " + dest
                    + "'s half) nor forward (undefining " + source.host() + "'s) is safe";
            LOG.warn("live migration of {}: {}", instance.uuid(), why);
            return undecided(start, dest, dest, why);
        }
        if (thrown == null && job.completed && completionDisproved()) {
            LOG.warn("live migration of {} reported completed, but {} has no domain of it and {} still has it: "
                    + "its QEMU stopped during the job; rolling back", instance.uuid(), dest, source.host());
            journal.jobEnded(MigrationStatus.FAILED.novaName());
            return finish(start, rollback(pre, MigrationStatus.FAILED), MigrationStatus.FAILED);
        }
        if (thrown == null && !job.completed && failureDisproved()) {
            LOG.warn("live migration of {} reported {}, but {} runs the guest and {} has no running domain of it: "
                    + "it was handed over; rolling forward", instance.uuid(), job.status.novaName(), dest,
                    source.host());
            journal.jobEnded("completed");
            return finish(start, post(pre, block), null);
        }
        if (thrown == null) {
            journal.jobEnded(job.completed ? "completed" : job.status.novaName());
            return job.completed ? finish(start, post(pre, block), null)
                    : finish(start, rollback(pre, job.status), job.status);
        }
        journal.jobEnded("unknown");
        RecoveryDecision.Decision where = Whereabouts.decide(source, destination, instance);
        LOG.warn("live migration of {}: {} -> {} ({})", instance.uuid(), thrown, where.action(), where.reason());
        if (where.action() == RecoveryAction.ROLL_FORWARD) {
            return finish(start, post(pre, block), null);
        }
        if (where.action() == RecoveryAction.ROLL_BACK) {
            return finish(start, rollback(pre, MigrationStatus.FAILED), MigrationStatus.FAILED);
        }
        return undecided(start, dest, source.host(), "live_migration failed (" + thrown + ") and " + where.reason());
    }

    /** Neither post nor rollback can be run: every one of their steps is left pending, with why. */
    private LiveMigrationResult undecided(long start, String dest, String lastHost, String why) {
        List<Step> left = List.of(Step.POST_LIVE_MIGRATION, Step.POST_LIVE_MIGRATION_AT_SOURCE, Step.CLEANUP_SOURCE,
                Step.POST_LIVE_MIGRATION_AT_DESTINATION, Step.ROLLBACK_LIVE_MIGRATION_AT_SOURCE,
                Step.ROLLBACK_LIVE_MIGRATION_AT_DESTINATION);
        left.forEach(s -> pending.add(new PendingStep(s, s.side().equals("destination") ? dest : source.host(), why)));
        return finish(start, new LiveMigrationOutcome.NeedsRecovery(lastHost, pending), null);
    }

    /**
     * The second net for a source QEMU that died during the job: the source driver called {@code post_method}, yet
     * the destination has no domain of the guest while the source still has it. The libvirt driver's monitor is the
     * first net (a stopped source domain's shut-off reason decides, see its {@code LibvirtMigrationGuest}), but this
     * task runs any {@link ComputeDriver}: a driver behind RPC, one whose waiter does not watch jobs, or a libvirt
     * that cannot tell the reason (the state read failed, the domain was transient) reads such a stop as Nova's
     * {@code get_job_info} does, as a completed job, and the post steps would then undefine the guest's only
     * definition. The destination is asked because only it can prove the handover: libvirt's Finish phase defines
     * the guest there (PERSIST_DEST) before the source hears of the end.
     */
    private boolean completionDisproved() {
        return Whereabouts.completionDisproved(source, destination, instance);
    }

    /**
     * The net for the opposite mistake: the source driver called {@code recover_method}, yet the destination runs
     * the guest while the source has no running or paused domain of it. A source libvirtd killed while it stopped
     * the migrated source (libvirt's Confirm phase) comes back unable to reattach and marks the domain shut off with
     * reason "unknown", which reads as a failed job; rolling back would then destroy the only running copy (the
     * fault matrix's source-libvirtd-kill cell). The destination resumes the guest only in libvirt's Finish phase,
     * after QEMU sent everything, and a stopped source cannot run it a second time: the guest was handed over.
     */
    private boolean failureDisproved() {
        return Whereabouts.failureDisproved(source, destination, instance);
    }

    /** {@code _post_live_migration} then {@code post_live_migration_at_destination}; failures are recorded. */
    private LiveMigrationOutcome post(LibvirtLiveMigrateData md, boolean block) {
        CleanupSteps steps = new CleanupSteps(source, destination, instance, networkInfo, blockDeviceInfo);
        attempt(Step.POST_LIVE_MIGRATION, source.host(), () -> steps.postLiveMigration(md));
        // post_live_migration_at_source unplugs the VIFs; only a driver without it (Nova's NotImplementedError)
        // leaves that to cleanup (destroy_vifs=True), as in Nova's _post_live_migration.
        Boolean destroyVifs = attempt(Step.POST_LIVE_MIGRATION_AT_SOURCE, source.host(), steps::postAtSource);
        if (steps.sourceCleanupNeeded(md)) {
            attempt(Step.CLEANUP_SOURCE, source.host(),
                    () -> steps.cleanupSource(md, destroyVifs == null || destroyVifs));
        }
        attempt(Step.POST_LIVE_MIGRATION_AT_DESTINATION, destination.host(), () -> steps.postAtDestination(block));
        return pending.isEmpty() ? new LiveMigrationOutcome.Completed(destination.host())
                : new LiveMigrationOutcome.NeedsRecovery(destination.host(), pending);
    }

    /** {@code _rollback_live_migration}: source first, then the destination; failures are recorded. */
    private LiveMigrationOutcome rollback(LibvirtLiveMigrateData md, MigrationStatus status) {
        CleanupSteps steps = new CleanupSteps(source, destination, instance, networkInfo, blockDeviceInfo);
        attempt(Step.ROLLBACK_LIVE_MIGRATION_AT_SOURCE, source.host(), () -> steps.rollbackAtSource(md));
        if (steps.destinationRollbackNeeded(md)) {
            attempt(Step.ROLLBACK_LIVE_MIGRATION_AT_DESTINATION, destination.host(),
                    () -> steps.rollbackAtDestination(md));
        }
        return pending.isEmpty() ? rolledBack(status) : new LiveMigrationOutcome.NeedsRecovery(source.host(), pending);
    }

    /** Rolled back, with the guest's power state on the source as it is now and what it needs, if anything. */
    private LiveMigrationOutcome.RolledBack rolledBack(MigrationStatus status) {
        PowerState now = null;
        String error = "";
        try {
            now = source.getInfo(instance).state();
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        String remedy = RollbackRemedy.of(source.host(), destination.host(), before, now, error);
        if (!remedy.isEmpty()) {
            LOG.warn("live migration of {} rolled back; {}", instance.uuid(), remedy);
        }
        return new LiveMigrationOutcome.RolledBack(source.host(), status, now == null ? PowerState.NOSTATE : now,
                remedy);
    }

    private LiveMigrationResult finish(long start, LiveMigrationOutcome outcome, MigrationStatus status) {
        journal.end(outcome.kind().name(), outcome.host());
        Duration took = Duration.ofMillis(clock.millis() - start);
        metrics.migrationEnded(outcome.kind().name().toLowerCase(Locale.ROOT), source.host(), destination.host(),
                took);
        return new LiveMigrationResult(journal.migrationId(), outcome, status, migrateData, control.reports(), took);
    }

    /** A step after the migration started: its failure is recorded as pending, not thrown. */
    private <T> T attempt(Step step, String host, Supplier<T> body) {
        try {
            return step(step, host, body);
        } catch (RuntimeException e) {
            LOG.warn("{} of {} on {} failed; left for recovery: {}", step, instance.uuid(), host, e.getMessage());
            pending.add(new PendingStep(step, host, e.getClass().getSimpleName() + ": " + e.getMessage()));
            return null;
        }
    }

    private <T> T step(Step step, String host, Supplier<T> body) {
        options.listener().stepStarted(step, host);
        control.stepStarted(step);
        journal.stepStarted(step, host);
        long t0 = System.nanoTime();
        try {
            T value = body.get();
            journal.stepFinished(step, host, value);
            report(step, host, t0, null);
            return value;
        } catch (RuntimeException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            journal.stepFailed(step, host, error);
            report(step, host, t0, error);
            throw e;
        }
    }

    private void report(Step step, String host, long t0, String error) {
        StepReport r = new StepReport(step, host, Duration.ofNanos(System.nanoTime() - t0), error);
        control.stepFinished(r);
        options.listener().stepFinished(r);
    }

    /** The callbacks handed to the source driver; they only record the outcome, the task runs the steps after. */
    private static final class JobCallbacks implements dev.novalibvirt.core.driver.LiveMigrationCallbacks {
        Boolean completed;
        MigrationStatus status;
        boolean postCopy;

        @Override
        public void switchedToPostCopy(Instance i, String dest) {
            postCopy = true;
        }

        @Override
        public void postMethod(Instance i, String dest, boolean blockMigration, LibvirtLiveMigrateData md) {
            completed = true;
        }

        @Override
        public void recoverMethod(Instance i, String dest, LibvirtLiveMigrateData md, MigrationStatus s) {
            completed = false;
            status = s;
        }
    }
}
