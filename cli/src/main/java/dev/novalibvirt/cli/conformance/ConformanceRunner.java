package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.cli.output.Redactor;
import dev.novalibvirt.core.driver.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs the checks in order against a site: each check's exception is that check failing (one line, masked), never
 * the run's end; whatever the run created and did not remove itself is purged at the end. The clock and the
 * guest's uuid are injected.
 */
public final class ConformanceRunner {
    private final Clock clock;
    private final Supplier<UUID> uuids;

    public ConformanceRunner(Clock clock, Supplier<UUID> uuids) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.uuids = Objects.requireNonNull(uuids, "uuids");
    }

    /** The run's guest: {@code conformance-<8 hex>}, one vCPU, the config's memory and root disk, the base image. */
    static Instance guest(SiteConfig config, UUID uuid) {
        String id = uuid.toString();
        return new Instance(id, "conformance-" + id.substring(0, 8), config.memoryMib(), 1, config.rootGb(),
                config.imageId());
    }

    public ConformanceResult run(SiteConfig config, ConformanceSite site, List<Check> checks) {
        Instant started = clock.instant();
        CheckContext context = new CheckContext(config, site, guest(config, uuids.get()));
        List<CheckResult> results = new ArrayList<>();
        try {
            for (Check check : checks) {
                results.addAll(runOne(check, context));
            }
        } finally {
            if (context.createdSomething() && !context.isClean()) {
                site.purge(context.guest());
            }
        }
        List<ConformanceResult.HostRow> hosts = config.hosts().stream().map(h -> new ConformanceResult.HostRow(
                h.role(), h.name(), h.uri(), context.versions(h).map(v -> v.libvirt().toString()).orElse(null),
                context.versions(h).map(v -> v.qemu().toString())
                        .or(() -> context.agent(h).map(a -> a.hypervisorVersion().toString())).orElse(null),
                h.reach())).toList();
        String client = safely(() -> site.cephClientVersion().map(Object::toString).orElse(null));
        // the broker's password is in no message of the library's; this is the guard for a daemon's
        List<CheckResult> masked = results.stream().map(r -> new CheckResult(r.id(), r.kind(), r.proves(),
                r.status(), config.redact(r.detail()), r.duration())).toList();
        return new ConformanceResult(config.site(), config.file().toString(), started,
                Duration.between(started, clock.instant()), context.guest().name(), context.guest().uuid(), hosts,
                context.cephCluster().orElse(null), client, masked, config.broker().orElse(null));
    }

    private List<CheckResult> runOne(Check check, CheckContext context) {
        Instant start = clock.instant();
        List<CheckResult> rows;
        try {
            rows = check.run(context);
        } catch (RuntimeException e) {
            rows = List.of(CheckResult.failed(check.id(), check.kind(), check.proves(), oneLine(e)));
        }
        Duration took = Duration.between(start, clock.instant());
        // a single row is the whole check's time; a migration's rows carry their steps' own times
        return rows.size() == 1 && rows.get(0).duration().isZero() ? List.of(rows.get(0).took(took)) : rows;
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? "" : ": " + e.getMessage().strip();
        return Redactor.clean((e.getClass().getSimpleName() + m).replaceAll("\\s*\\R\\s*", " "));
    }

    private static String safely(Supplier<String> value) {
        try {
            return value.get();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
