package dev.novalibvirt.cli.conformance;

/**
 * One {@code <testcase>} of a JUnit XML report.
 *
 * @param suite    the test class, fully qualified ({@code classname}, else the suite's name)
 * @param name     the test method ({@code name})
 * @param outcome  how it ended
 * @param seconds  its {@code time}, 0 when absent
 * @param type     the failure's or error's {@code type} (the exception class), else null
 * @param message  the first line of the failure's or error's or skip's {@code message}, else null
 */
public record TestCase(String suite, String name, Outcome outcome, double seconds, String type, String message) {
    /** The four ends JUnit XML knows. */
    public enum Outcome { PASSED, FAILED, ERROR, SKIPPED }
}
