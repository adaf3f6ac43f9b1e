package dev.novalibvirt.migration.task;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.migration.task.journal.JournalRecord;
import dev.novalibvirt.migration.task.journal.MigrationJournal;
import dev.novalibvirt.migration.task.truth.HostProbe;
import dev.novalibvirt.migration.task.truth.HostView;
import dev.novalibvirt.migration.task.truth.RecoveryAction;
import dev.novalibvirt.migration.task.truth.RecoveryDecision;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes what crashed or interrupted migrations left: reads the journal's unfinished migrations, asks both hosts'
 * hypervisors what is true ({@link HostProbe}), decides with {@link RecoveryDecision} and rolls forward (post steps;
 * the source's definition and dir go) or back (the destination's domain and dir go), so that the guest runs on
 * exactly one host. A migration whose steps all succeed gets its final END record; the others stay unfinished for
 * the next call. Call it when the embedding process starts, and again for migrations a task reported as
 * NEEDS_RECOVERY. A migration that cannot be settled now (a host cannot be asked, libvirt still runs the job, the
 * hosts disagree) gets a non-final END record saying why, and is tried again by the next call.
 *
 * <p>Every {@link Site} may be remote: a controller that reaches its hosts only through their agents passes rpc's
 * {@code RemoteComputeDriver} and its {@code probe()}; the probe's looks and mends and every post or rollback step
 * then run on the host's agent, and a host whose agent does not answer counts as unreachable.
 */
public final class MigrationRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationRecovery.class);

    /** One compute host recovery may act on: its driver runs the steps, its probe looks and mends the domain. */
    public record Site(ComputeDriver driver, HostProbe probe) {
        public Site {
            Objects.requireNonNull(driver, "driver");
            Objects.requireNonNull(probe, "probe");
        }
    }

    /**
     * What recovery did about one migration.
     *
     * @param migrationId its id
     * @param instanceUuid the instance
     * @param decision    the truth table's answer
     * @param pending     the steps that still failed
     * @param finished    the migration needs nothing more
     */
    public record Report(String migrationId, String instanceUuid, RecoveryDecision.Decision decision,
                         List<PendingStep> pending, boolean finished) {
        public Report {
            pending = List.copyOf(pending);
        }
    }

    private final MigrationJournal journal;
    private final Map<String, Site> sites;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration jobWait;
    private final Duration poll;

    /**
     * @param journal the journal the tasks wrote
     * @param sites   the hosts by name ({@code ComputeDriver.host()})
     * @param clock   for the records recovery appends
     * @param sleeper waits between looks at a job that is still running
     * @param jobWait how long to wait for such a job before leaving the migration for the next call
     */
    public MigrationRecovery(MigrationJournal journal, List<Site> sites, Clock clock, Sleeper sleeper,
                             Duration jobWait) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.sites = new LinkedHashMap<>();
        sites.forEach(s -> this.sites.put(s.driver().host(), s));
        this.clock = clock;
        this.sleeper = sleeper;
        this.jobWait = jobWait;
        this.poll = Duration.ofMillis(500);
    }

    /** Recovers every unfinished migration in the journal, oldest first. */
    public List<Report> recover() {
        List<Report> reports = new ArrayList<>();
        for (Map.Entry<String, List<JournalRecord>> e : journal.unfinished().entrySet()) {
            JournaledMigration m = JournaledMigration.of(e.getKey(), e.getValue());
            reports.add(recover(m));
        }
        return reports;
    }

    private Report recover(JournaledMigration m) {
        Site src = site(m.source());
        Site dst = site(m.destination());
        TaskJournal tj = new TaskJournal(journal, clock, m.migrationId());
        Instance instance = m.instance();
        if (!m.preStarted() || m.migrateData() == null) {
            // nothing was created on either host but, perhaps, the destination check's test file
            List<PendingStep> pending = new ArrayList<>();
            if (m.testFileLeft() && m.migrateData() != null) {
                attempt(tj, pending, Step.CLEANUP_LIVE_MIGRATION_DESTINATION_CHECK, m.destination(), () -> {
                    dst.driver().cleanupLiveMigrationDestinationCheck(m.migrateData());
                    return null;
                });
            }
            RecoveryDecision.Decision d = new RecoveryDecision.Decision(RecoveryAction.ROLL_BACK, m.source(), false,
                    false, "the migration had not reached pre_live_migration");
            return end(tj, m, d, List.of(), "ROLLED_BACK");
        }
        RecoveryDecision.Decision d = decide(src, dst, m);
        LOG.info("recovery of migration {} ({}): {} ({})", m.migrationId(), instance.uuid(), d.action(),
                d.reason());
        CleanupSteps steps = new CleanupSteps(src.driver(), dst.driver(), instance, NetworkInfo.none(),
                BlockDeviceInfo.none());
        List<PendingStep> pending = new ArrayList<>();
        boolean userPaused = "PAUSED".equals(m.sourceState());
        switch (d.action()) {
            case ROLL_FORWARD -> {
                if (src.probe().view(instance).presence().active()) {
                    attempt(tj, pending, Step.CLEANUP_SOURCE, m.source(), () -> {
                        src.probe().powerOff(instance);
                        return null;
                    });
                }
                attempt(tj, pending, Step.POST_LIVE_MIGRATION_AT_SOURCE, m.source(), steps::postAtSource);
                // always: with a shared instance path Nova skips this, but the source definition must still go
                attempt(tj, pending, Step.CLEANUP_SOURCE, m.source(), () -> steps.cleanupSource(m.migrateData(), true));
                mendKeeper(tj, pending, dst, d, instance, userPaused, Step.POST_LIVE_MIGRATION_AT_DESTINATION);
                attempt(tj, pending, Step.POST_LIVE_MIGRATION_AT_DESTINATION, m.destination(),
                        () -> steps.postAtDestination(Boolean.TRUE.equals(m.migrateData().blockMigration())));
                return end(tj, m, d, pending, "COMPLETED");
            }
            case ROLL_BACK -> {
                mendKeeper(tj, pending, src, d, instance, userPaused, Step.ROLLBACK_LIVE_MIGRATION_AT_SOURCE);
                attempt(tj, pending, Step.ROLLBACK_LIVE_MIGRATION_AT_SOURCE, m.source(),
                        () -> steps.rollbackAtSource(m.migrateData()));
                // always: PERSIST_DEST may have left a definition even when the instance path is shared
                attempt(tj, pending, Step.ROLLBACK_LIVE_MIGRATION_AT_DESTINATION, m.destination(),
                        () -> steps.rollbackAtDestination(m.migrateData()));
                return end(tj, m, d, pending, "ROLLED_BACK");
            }
            default -> {
                // written down, so the journal says why the migration is still open when the next call comes
                tj.end("NEEDS_RECOVERY", "recovery deferred (" + d.action() + "): " + d.reason());
                return new Report(m.migrationId(), instance.uuid(), d, List.of(), false);
            }
        }
    }

    /** Asks both hosts, waiting (up to the job wait) while libvirt still runs the job. */
    private RecoveryDecision.Decision decide(Site src, Site dst, JournaledMigration m) {
        long waitedMs = 0;
        while (true) {
            HostView s = src.probe().view(m.instance());
            HostView d = dst.probe().view(m.instance());
            RecoveryDecision.Decision decision = RecoveryDecision.decide(s, d, m.job());
            LOG.debug("recovery of migration {}: {}; {}; journal job {}: {}", m.migrationId(), s.summary(),
                    d.summary(), m.job(), decision.action());
            if (decision.action() != RecoveryAction.WAIT || waitedMs >= jobWait.toMillis()) {
                return decision;
            }
            try {
                sleeper.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return decision;
            }
            waitedMs += poll.toMillis();
        }
    }

    private void mendKeeper(TaskJournal tj, List<PendingStep> pending, Site keeper, RecoveryDecision.Decision d,
                            Instance instance, boolean userPaused, Step step) {
        if (d.resumeKeeper() && !userPaused) {
            attempt(tj, pending, step, keeper.driver().host(), () -> {
                keeper.probe().resume(instance);
                return null;
            });
        }
        if (d.persistKeeper()) {
            attempt(tj, pending, step, keeper.driver().host(), () -> {
                keeper.probe().persist(instance);
                return null;
            });
        }
    }

    private Report end(TaskJournal tj, JournaledMigration m, RecoveryDecision.Decision d, List<PendingStep> pending,
                       String outcome) {
        boolean finished = pending.isEmpty();
        tj.end(finished ? outcome : "NEEDS_RECOVERY", "recovered: " + d.reason());
        return new Report(m.migrationId(), m.instance().uuid(), d, pending, finished);
    }

    private static void attempt(TaskJournal tj, List<PendingStep> pending, Step step, String host,
                                Supplier<?> body) {
        tj.stepStarted(step, host);
        try {
            body.get();
            tj.stepFinished(step, host, null);
        } catch (RuntimeException e) {
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            tj.stepFailed(step, host, why);
            pending.add(new PendingStep(step, host, why));
        }
    }

    private Site site(String host) {
        Site s = sites.get(host);
        if (s == null) {
            throw new InvalidInput("recovery has no driver for host " + host + " (known: " + sites.keySet() + ")");
        }
        return s;
    }
}
