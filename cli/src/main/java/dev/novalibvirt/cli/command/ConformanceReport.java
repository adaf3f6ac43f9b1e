package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.ExitCodes;
import dev.novalibvirt.cli.conformance.TestCase;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.output.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pass/fail table of a conformance run's JUnit XML reports: one row per test class (its area is the package
 * under {@code dev.novalibvirt[.conformance]}: {@code migration}, {@code rbd}, {@code field}...), then every test
 * that failed or erred with the first line of its message. Exit code 0 when nothing failed or erred (skips
 * included), else 1.
 *
 * @param reports  the paths the reports were read from
 * @param tests    test cases in all
 * @param passed   those that passed
 * @param failed   those with a {@code <failure>} (an assertion)
 * @param errors   those with an {@code <error>} (an exception)
 * @param skipped  those skipped
 * @param seconds  their time in all
 * @param suites   one row per test class, in the reports' order
 * @param problems the failed and erring tests
 */
record ConformanceReport(List<String> reports, int tests, int passed, int failed, int errors, int skipped,
                         double seconds, List<Suite> suites, List<Problem> problems) implements Report {

    /** One test class. */
    record Suite(String area, String suite, int tests, int passed, int failed, int errors, int skipped,
                 double seconds) {
        /** {@code PASS}, {@code FAIL}, or {@code SKIP} when every test was skipped. */
        String result() {
            return failed + errors > 0 ? "FAIL" : tests > 0 && skipped == tests ? "SKIP" : "PASS";
        }
    }

    /** One test that did not pass. */
    record Problem(String area, String suite, String test, String outcome, String type, String message) {
    }

    static ConformanceReport of(List<String> reports, List<TestCase> cases) {
        Map<String, List<TestCase>> bySuite = new LinkedHashMap<>();
        cases.forEach(c -> bySuite.computeIfAbsent(c.suite(), s -> new ArrayList<>()).add(c));
        List<Suite> suites = new ArrayList<>();
        bySuite.forEach((name, list) -> suites.add(new Suite(area(name), simpleName(name), list.size(),
                count(list, TestCase.Outcome.PASSED), count(list, TestCase.Outcome.FAILED),
                count(list, TestCase.Outcome.ERROR), count(list, TestCase.Outcome.SKIPPED),
                list.stream().mapToDouble(TestCase::seconds).sum())));
        List<Problem> problems = cases.stream()
                .filter(c -> c.outcome() == TestCase.Outcome.FAILED || c.outcome() == TestCase.Outcome.ERROR)
                .map(c -> new Problem(area(c.suite()), simpleName(c.suite()), c.name(), c.outcome().name(), c.type(),
                        c.message()))
                .toList();
        return new ConformanceReport(List.copyOf(reports), cases.size(), count(cases, TestCase.Outcome.PASSED),
                count(cases, TestCase.Outcome.FAILED), count(cases, TestCase.Outcome.ERROR),
                count(cases, TestCase.Outcome.SKIPPED), cases.stream().mapToDouble(TestCase::seconds).sum(),
                List.copyOf(suites), problems);
    }

    @Override
    public int exitCode() {
        return failed + errors == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    @Override
    public String toText() {
        Table table = Table.of("AREA", "SUITE", "TESTS", "PASSED", "FAILED", "ERRORS", "SKIPPED", "TIME", "RESULT");
        suites.forEach(s -> table.row(s.area(), s.suite(), s.tests(), s.passed(), s.failed(), s.errors(), s.skipped(),
                secs(s.seconds()), s.result()));
        StringBuilder t = new StringBuilder(headline()).append('\n').append(table.render());
        if (!problems.isEmpty()) {
            t.append("not passed:\n");
            problems.forEach(p -> t.append("  ").append(p.area()).append('.').append(p.suite()).append('.')
                    .append(p.test()).append("  ").append(p.outcome()).append("  ").append(cause(p)).append('\n'));
        }
        return t.toString();
    }

    /** The same as Markdown: a heading line, the table, the failures as a list (for a CI summary or a README). */
    Report asMarkdown() {
        ConformanceReport data = this;
        return new Report() {
            @Override
            public String toText() {
                return data.markdown();
            }

            @Override
            public int exitCode() {
                return data.exitCode();
            }
        };
    }

    String markdown() {
        StringBuilder t = new StringBuilder("**").append(headline()).append("**\n\n")
                .append("| area | suite | tests | passed | failed | errors | skipped | time | result |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        suites.forEach(s -> t.append("| ").append(s.area()).append(" | `").append(s.suite()).append("` | ")
                .append(s.tests()).append(" | ").append(s.passed()).append(" | ").append(s.failed()).append(" | ")
                .append(s.errors()).append(" | ").append(s.skipped()).append(" | ").append(secs(s.seconds()))
                .append(" | ").append(s.result().equals("FAIL") ? "**FAIL**" : s.result()).append(" |\n"));
        if (!problems.isEmpty()) {
            t.append("\nNot passed:\n");
            problems.forEach(p -> t.append("- `").append(p.suite()).append('.').append(p.test()).append("` ")
                    .append(p.outcome()).append(": ").append(cause(p).replace("|", "\\|")).append('\n'));
        }
        return t.toString();
    }

    private String headline() {
        return (failed + errors == 0 ? "PASS" : "FAIL") + ": " + tests + " tests, " + passed + " passed, " + failed
                + " failed, " + errors + (errors == 1 ? " error, " : " errors, ") + skipped + " skipped in "
                + suites.size() + (suites.size() == 1 ? " suite" : " suites") + " (" + secs(seconds) + ")";
    }

    private static String cause(Problem p) {
        String type = p.type() == null ? "" : p.type().substring(p.type().lastIndexOf('.') + 1);
        String message = p.message() == null ? "" : p.message();
        return type.isEmpty() ? message : message.isEmpty() ? type : type + ": " + message;
    }

    private static String secs(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    private static int count(List<TestCase> cases, TestCase.Outcome o) {
        return (int) cases.stream().filter(c -> c.outcome() == o).count();
    }

    /** The area of a test class: {@code migration} for {@code dev.novalibvirt.conformance.migration.AbortIT}. */
    static String area(String className) {
        int dot = className.lastIndexOf('.');
        String pkg = dot < 0 ? "" : className.substring(0, dot);
        for (String prefix : List.of("dev.novalibvirt.conformance.", "dev.novalibvirt.")) {
            if (pkg.startsWith(prefix)) {
                return pkg.substring(prefix.length());
            }
        }
        return pkg.isEmpty() ? "-" : pkg;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
