package dev.novalibvirt.cli.conformance;

import java.util.List;

/**
 * One check of a conformance run: proves one Nova function, option or field lesson against the site, and returns
 * its verdict (a migration returns one per contract step). Checks run in order and share a {@link CheckContext};
 * one that needs what an earlier one did not achieve returns {@link CheckResult.Status#SKIPPED}.
 */
public interface Check {
    /** The id of the check's first (or only) row; a check that throws gets one failed row of this id. */
    String id();

    /** What the check is about. */
    CheckResult.Kind kind();

    /** The Nova function, option or field lesson it proves. */
    String proves();

    /** Runs the check; a thrown exception is this check failing (its message, one line, is the detail). */
    List<CheckResult> run(CheckContext context);

    /** One passed or failed row of this check. */
    default CheckResult verdict(boolean ok, String detail) {
        return CheckResult.of(ok, id(), kind(), proves(), detail);
    }

    /** One skipped row of this check. */
    default CheckResult skip(String why) {
        return CheckResult.skipped(id(), kind(), proves(), why);
    }
}
