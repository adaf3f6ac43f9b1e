package dev.novalibvirt.cli.conformance;

import java.time.Duration;
import java.util.Objects;

/**
 * One check's verdict, a row of the report and a JUnit test case.
 *
 * @param id       stable name, e.g. {@code hop1.check_can_live_migrate_destination}
 * @param kind     what the check proves: a step of Nova's contract, a field lesson, or the site's set-up
 * @param proves   the Nova function, option or field lesson it proves
 * @param status   passed, failed or skipped (an earlier check it needs failed)
 * @param detail   what was found (one line; no secret)
 * @param duration how long it took
 */
public record CheckResult(String id, Kind kind, String proves, Status status, String detail, Duration duration) {
    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail.strip().replaceAll("\\s*\\R\\s*", " ");
        duration = duration == null ? Duration.ZERO : duration;
    }

    /** The outcome of a check. */
    public enum Status { PASSED, FAILED, SKIPPED }

    /** What a check is about. */
    public enum Kind {
        /** The hosts, the cluster and the secret are as the contract needs them. */
        SITE,
        /** One step of Nova's live-migration contract (or the spawn and destroy around it). */
        CONTRACT,
        /** A lesson from the field built into the library. */
        FIELD
    }

    public static CheckResult passed(String id, Kind kind, String proves, String detail) {
        return new CheckResult(id, kind, proves, Status.PASSED, detail, Duration.ZERO);
    }

    public static CheckResult failed(String id, Kind kind, String proves, String detail) {
        return new CheckResult(id, kind, proves, Status.FAILED, detail, Duration.ZERO);
    }

    public static CheckResult skipped(String id, Kind kind, String proves, String detail) {
        return new CheckResult(id, kind, proves, Status.SKIPPED, detail, Duration.ZERO);
    }

    /** Passed when {@code ok}, else failed, with the same detail. */
    public static CheckResult of(boolean ok, String id, Kind kind, String proves, String detail) {
        return new CheckResult(id, kind, proves, ok ? Status.PASSED : Status.FAILED, detail, Duration.ZERO);
    }

    public CheckResult took(Duration value) {
        return new CheckResult(id, kind, proves, status, detail, value);
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
