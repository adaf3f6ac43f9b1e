package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.migration.task.Step;
import dev.novalibvirt.migration.task.StepReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One live migration of the run's guest through the whole contract ({@code LiveMigrationTask}: the conductor's
 * and both computes' checks, {@code pre_live_migration}, {@code live_migration}, the post steps), one row per
 * Nova step as the task reported it, then a row for where the guest runs afterwards (checked on both hosts).
 */
final class MigrationHopCheck implements Check {
    /** The steps of a migration that completes, in Nova's order. */
    static final List<Step> CONTRACT = List.of(Step.CHECK_COMPATIBLE_HYPERVISOR,
            Step.CHECK_CAN_LIVE_MIGRATE_DESTINATION, Step.CHECK_CAN_LIVE_MIGRATE_SOURCE,
            Step.CLEANUP_LIVE_MIGRATION_DESTINATION_CHECK, Step.PRE_LIVE_MIGRATION, Step.LIVE_MIGRATION,
            Step.POST_LIVE_MIGRATION, Step.POST_LIVE_MIGRATION_AT_SOURCE, Step.CLEANUP_SOURCE,
            Step.POST_LIVE_MIGRATION_AT_DESTINATION);

    private final String hop;
    private final SiteHost from;
    private final SiteHost to;

    MigrationHopCheck(String hop, SiteHost from, SiteHost to) {
        this.hop = hop;
        this.from = from;
        this.to = to;
    }

    @Override
    public String id() {
        return hop + ".guest_on_" + to.name();
    }

    @Override
    public CheckResult.Kind kind() {
        return CheckResult.Kind.CONTRACT;
    }

    @Override
    public String proves() {
        return "live_migration " + from.name() + " -> " + to.name() + ": the guest runs on " + to.name() + " only";
    }

    /** Nova's name of a step: its function ({@code cleanup} and the conductor's check keep Nova's own names). */
    static String novaName(Step step) {
        return switch (step) {
            case CHECK_COMPATIBLE_HYPERVISOR -> "_check_compatible_with_source_hypervisor";
            case CLEANUP_SOURCE -> "cleanup";
            default -> step.name().toLowerCase(Locale.ROOT);
        };
    }

    private CheckResult stepRow(Step step, CheckResult.Status status, String detail, Duration took) {
        String host = step.side().equals("destination") ? to.name() : from.name();
        return new CheckResult(hop + "." + novaName(step), CheckResult.Kind.CONTRACT, novaName(step) + " on " + host
                + " (" + step.side() + " of " + from.name() + " -> " + to.name() + ")", status, detail, took);
    }

    /** Whether the guest runs on {@code host}; a host that cannot be asked does not keep the step rows out. */
    private static boolean runs(CheckContext context, SiteHost host) {
        try {
            return context.site().runs(host, context.guest());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        List<CheckResult> rows = new ArrayList<>();
        if (context.guestOn().filter(from::equals).isEmpty()) {
            String why = "the guest does not run on " + from.name() + " (an earlier check failed)";
            CONTRACT.forEach(s -> rows.add(stepRow(s, CheckResult.Status.SKIPPED, why, Duration.ZERO)));
            rows.add(skip(why));
            return rows;
        }
        HopOutcome outcome = context.site().migrate(from, to, context.guest());
        for (Step step : CONTRACT) {
            Optional<StepReport> r = outcome.steps().stream().filter(s -> s.step() == step).findFirst();
            rows.add(r.map(s -> stepRow(step, s.succeeded() ? CheckResult.Status.PASSED : CheckResult.Status.FAILED,
                            s.succeeded() ? "ran on " + s.host() : s.error(), s.duration()))
                    .orElseGet(() -> stepRow(step, CheckResult.Status.SKIPPED, "not reached", Duration.ZERO)));
        }
        // a rollback is the contract's answer to a failure: shown as it ran, the hop's last row fails anyway
        outcome.steps().stream().filter(s -> !CONTRACT.contains(s.step())).forEach(s -> rows.add(stepRow(s.step(),
                s.succeeded() ? CheckResult.Status.PASSED : CheckResult.Status.FAILED,
                s.succeeded() ? "rolled back on " + s.host() : s.error(), s.duration())));
        boolean onTo = runs(context, to);
        boolean onFrom = runs(context, from);
        context.guestOn(onTo ? to : onFrom ? from : null);
        String where = onTo && !onFrom ? "runs on " + to.name() + " only"
                : onTo ? "runs on both " + from.name() + " and " + to.name()
                : onFrom ? "still runs on " + from.name() : "runs on neither host";
        String how = outcome.error() != null ? "refused: " + outcome.error()
                : outcome.result().map(r -> r.outcome().kind() + " in " + r.total().toMillis() + " ms"
                        + (r.status() == null ? "" : " (" + r.status() + ")")).orElse("no result");
        rows.add(verdict(outcome.completed() && onTo && !onFrom, how + "; the guest " + where));
        return rows;
    }
}
