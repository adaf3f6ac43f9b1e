package dev.novalibvirt.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a conformance run, the operator renders what Failsafe wrote under the repository: a table per test class
 * and the failures, as text, Markdown or JSON. No nova.conf is read (none exists here).
 */
class ConformanceReportCommandTest {
    @TempDir
    Path repo;
    Path failsafe;
    final FakeServices fake = new FakeServices();

    static final String ABORT_IT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="dev.novalibvirt.conformance.migration.AbortIT" time="2.345" tests="1" errors="0" skipped="0" failures="0">
              <properties><property name="java.version" value="17.0.13"/></properties>
              <testcase name="withoutAMigrationAbortAndForceCompleteRaise" classname="dev.novalibvirt.conformance.migration.AbortIT" time="2.345"/>
            </testsuite>
            """;

    static final String PRE_CHECK_IT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="dev.novalibvirt.conformance.migration.PreCheckRefusalIT" time="30.5" tests="4" errors="1" skipped="1" failures="1">
              <testcase name="destinationWithoutTheCephxSecretIsRefused" classname="dev.novalibvirt.conformance.migration.PreCheckRefusalIT" time="10.0"/>
              <testcase name="destinationWithADifferentSecretValueIsRefusedWithoutLeakingEitherValue" classname="dev.novalibvirt.conformance.migration.PreCheckRefusalIT" time="12.5">
                <failure message="&#10;Expecting actual to be refused but the migration COMPLETED&#10;second line" type="org.opentest4j.AssertionFailedError">stack</failure>
              </testcase>
              <testcase name="destinationWithoutTheGuestsBridgeIsRefused" classname="dev.novalibvirt.conformance.migration.PreCheckRefusalIT" time="8.0">
                <error message="cannot connect to libvirtd at qemu+tcp://198.18.0.12/system" type="dev.novalibvirt.core.exception.InternalError">stack</error>
              </testcase>
              <testcase name="aMissingSecretIsDefinedFromTheKeySourceWhenAllowed" classname="dev.novalibvirt.conformance.migration.PreCheckRefusalIT" time="0">
                <skipped message="no key source on this lab"/>
              </testcase>
            </testsuite>
            """;

    static final String RBD_IT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="dev.novalibvirt.conformance.rbd.RbdLocksIT" time="4.0" tests="2" errors="0" skipped="0" failures="0">
              <testcase name="aWatcherIsListed" classname="dev.novalibvirt.conformance.rbd.RbdLocksIT" time="1.5"/>
              <testcase name="aLockOwnerIsListed" classname="dev.novalibvirt.conformance.rbd.RbdLocksIT" time="2.5">
                <flakyFailure message="timed out once" type="java.util.concurrent.TimeoutException"/>
              </testcase>
            </testsuite>
            """;

    @BeforeEach
    void aRepositoryWithFailsafeReports() throws IOException {
        failsafe = Files.createDirectories(repo.resolve("conformance-tests/target/failsafe-reports"));
        Files.writeString(failsafe.resolve("TEST-dev.novalibvirt.conformance.migration.AbortIT.xml"), ABORT_IT);
        Files.writeString(failsafe.resolve("TEST-dev.novalibvirt.conformance.rbd.RbdLocksIT.xml"), RBD_IT);
        Files.writeString(failsafe.resolve("failsafe-summary.xml"), "<failsafe-summary result=\"255\"/>");
    }

    CliRun report(String... args) {
        String[] argv = new String[args.length + 2];
        argv[0] = "conformance";
        argv[1] = "report";
        System.arraycopy(args, 0, argv, 2, args.length);
        return CliRun.of(fake, null, argv);
    }

    @Test
    void aPassingRunIsOneRowPerTestClassExitZero() {
        CliRun run = report(repo.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                PASS: 3 tests, 3 passed, 0 failed, 0 errors, 0 skipped in 2 suites (6.3 s)
                AREA       SUITE       TESTS  PASSED  FAILED  ERRORS  SKIPPED  TIME   RESULT
                migration  AbortIT     1      1       0       0       0        2.3 s  PASS
                rbd        RbdLocksIT  2      2       0       0       0        4.0 s  PASS
                """);
    }

    @Test
    void failuresAndErrorsAreNamedWithTheFirstLineOfTheirMessageExitOne() throws IOException {
        Files.writeString(failsafe.resolve("TEST-dev.novalibvirt.conformance.migration.PreCheckRefusalIT.xml"),
                PRE_CHECK_IT);

        CliRun run = report(failsafe.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("FAIL: 7 tests, 4 passed, 1 failed, 1 error, 1 skipped in 3 suites (36.8 s)\n")
                .contains("migration  PreCheckRefusalIT  4      1       1       1       1        30.5 s  FAIL\n")
                .contains("not passed:\n  migration.PreCheckRefusalIT.destinationWithADifferentSecretValueIsRefused"
                        + "WithoutLeakingEitherValue  FAILED  AssertionFailedError: Expecting actual to be refused but "
                        + "the migration COMPLETED\n")
                .contains("  migration.PreCheckRefusalIT.destinationWithoutTheGuestsBridgeIsRefused  ERROR  "
                        + "InternalError: cannot connect to libvirtd at qemu+tcp://198.18.0.12/system\n")
                .doesNotContain("second line").doesNotContain("aMissingSecretIsDefined");
    }

    @Test
    void markdownIsATableAndAListForACiSummary() throws IOException {
        Files.writeString(failsafe.resolve("TEST-dev.novalibvirt.conformance.migration.PreCheckRefusalIT.xml"),
                PRE_CHECK_IT);

        CliRun run = report(failsafe.toString(), "--markdown");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("**FAIL: 7 tests, 4 passed, 1 failed, 1 error, 1 skipped in 3 suites")
                .contains("| area | suite | tests | passed | failed | errors | skipped | time | result |\n")
                .contains("| migration | `PreCheckRefusalIT` | 4 | 1 | 1 | 1 | 1 | 30.5 s | **FAIL** |\n")
                .contains("- `PreCheckRefusalIT.destinationWithoutTheGuestsBridgeIsRefused` ERROR: InternalError: ");
    }

    @Test
    void jsonCarriesTheTotalsEverySuiteAndEveryProblem() throws IOException {
        Files.writeString(failsafe.resolve("TEST-dev.novalibvirt.conformance.migration.PreCheckRefusalIT.xml"),
                PRE_CHECK_IT);

        JsonNode doc = report(repo.toString(), "--json", "--markdown").json();

        assertThat(doc.path("command").asText()).isEqualTo("conformance report");
        assertThat(doc.path("exit_code").asInt()).isEqualTo(1);
        JsonNode r = doc.path("result");
        assertThat(r.path("tests").asInt()).isEqualTo(7);
        assertThat(r.path("errors").asInt()).isEqualTo(1);
        assertThat(r.path("suites")).hasSize(3);
        assertThat(r.path("suites").get(1).path("suite").asText()).isEqualTo("PreCheckRefusalIT");
        assertThat(r.path("problems")).hasSize(2);
        assertThat(r.path("problems").get(1).path("type").asText())
                .isEqualTo("dev.novalibvirt.core.exception.InternalError");
    }

    @Test
    void noReportOrAFileThatIsNotJUnitXmlIsAUsageErrorExitTwo() throws IOException {
        Path empty = Files.createDirectories(repo.resolve("empty"));
        CliRun none = report(empty.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("nova-libvirt conformance report: error: CliUsageException: no JUnit XML report "
                + "(TEST-*.xml) at or under [" + empty + "]");

        assertThat(report(repo.resolve("missing").toString()).err()).contains("does not exist");
        assertThat(report().exitCode()).as("DIR is required").isEqualTo(2);
        assertThat(CliRun.of(fake, null, "conformance").exitCode()).as("a subcommand is required").isEqualTo(2);

        Path broken = Files.writeString(empty.resolve("TEST-broken.xml"), "<testsuite><testcase");
        CliRun run = report(broken.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("is not well-formed XML");

        Files.writeString(broken, "<surefire/>");
        assertThat(report(broken.toString()).err()).contains("its root is <surefire>, expected <testsuite>");
    }

    @Test
    void aReportWithADoctypeIsRefusedSoNoEntityIsExpanded() throws IOException {
        Path evil = Files.writeString(repo.resolve("TEST-evil.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE testsuite [<!ENTITY leak SYSTEM "file:///etc/hostname">]>
                <testsuite name="x"><testcase name="&leak;" classname="x.Y"/></testsuite>
                """);

        CliRun run = report(evil.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("DOCTYPE");
    }
}
