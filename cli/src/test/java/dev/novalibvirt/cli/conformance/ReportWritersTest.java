package dev.novalibvirt.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.cli.conformance.CheckResult.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three report files of a run with a pass, a failure and a skip: escaped, masked, readable by CI. */
class ReportWritersTest {
    static final String KEY = "AQBzb21lIGZha2Uga2V5IGZvciB0ZXN0cyEhIQ==";

    @TempDir
    Path dir;

    static ConformanceResult result() {
        return new ConformanceResult("lab <1>", "/etc/nova-libvirt/site.conf", Instant.parse("2026-12-01T21:00:00Z"),
                Duration.ofMillis(41_200), "conformance-6f1c9a52", "6f1c9a52-0d7e-4c1b-9f5e-2a8b3c4d5e6f",
                List.of(new ConformanceResult.HostRow("host1", "host-a", "qemu+tcp://198.18.0.11/system", "9.0.0",
                                "7.2.0"),
                        new ConformanceResult.HostRow("host2", "host-b", "qemu+tcp://198.18.0.12/system", null, null)),
                "17.2.7 (b1229) quincy (stable)", "17.2.0",
                List.of(CheckResult.passed("spawn", Kind.CONTRACT, "spawn (images_type = rbd)", "runs on host-a")
                                .took(Duration.ofMillis(3200)),
                        CheckResult.failed("cephx_secret[host-b]", Kind.SITE, "[libvirt] rbd_secret_uuid",
                                "secret <b>\"x\"</b> | holds a different key & key = " + KEY)
                                .took(Duration.ofMillis(40)),
                        CheckResult.skipped("hop2.live_migration", Kind.CONTRACT, "live_migration on host-b",
                                "the guest does not run on host-b")));
    }

    @Test
    void markdownHasTheVersionsAndOneRowPerCheckWithCellsThatCannotBreakTheTable() {
        String md = MarkdownReport.render(result());

        assertThat(md).startsWith("# nova-libvirt conformance: lab &lt;1&gt;\n\n**FAIL: 3 checks, 1 passed, 1 failed, "
                + "1 skipped in 41.2 s**\n");
        assertThat(md).contains("| host-a | host1 | `qemu+tcp://198.18.0.11/system` | 9.0.0 | 7.2.0 |",
                "| host-b | host2 | `qemu+tcp://198.18.0.12/system` | unknown | unknown |",
                "Ceph: cluster 17.2.7 (b1229) quincy (stable), client libraries 17.2.0",
                "| `spawn` | contract | spawn (images_type = rbd) | PASS | 3.2 s | runs on host-a |",
                "| `hop2.live_migration` | contract | live_migration on host-b | skipped | 0 ms |");
        assertThat(md).contains("| `cephx_secret[host-b]` | site | [libvirt] rbd_secret_uuid | **FAIL** | 40 ms | "
                + "secret &lt;b&gt;\"x\"&lt;/b&gt; \\| holds a different key & key = &lt;redacted&gt; |");
        assertThat(md).doesNotContain(KEY);
    }

    @Test
    void htmlIsOnePlainPageWithEveryValueEscaped() {
        String html = HtmlReport.render(result());

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>nova-libvirt conformance: lab &lt;1&gt;</title>")
                .contains("<td class=\"failed\">FAILED</td>")
                .contains("secret &lt;b&gt;&quot;x&quot;&lt;/b&gt; | holds a different key &amp; key = &lt;redacted&gt;")
                .contains("<td>host-b</td><td>host2</td><td><code>qemu+tcp://198.18.0.12/system</code></td>"
                        + "<td>unknown</td><td>unknown</td>")
                .doesNotContain("<b>").doesNotContain("<script").doesNotContain(KEY);
    }

    @Test
    void junitXmlHasOneTestCasePerCheckAndReadsBackAsTheReportCommandReadsIt() throws Exception {
        List<Path> files = ReportFiles.write(result(), ReportFiles.prepare(dir.resolve("out/report")));

        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("conformance.md", "conformance.html", "TEST-nova-libvirt-conformance.xml");
        String xml = Files.readString(files.get(2));
        assertThat(xml).contains("<property name=\"host2.libvirt\" value=\"unknown\"/>",
                "<property name=\"ceph.cluster\" value=\"17.2.7 (b1229) quincy (stable)\"/>",
                "tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\"").doesNotContain(KEY);

        List<TestCase> cases = JUnitReports.read(List.of(dir.resolve("out")));

        assertThat(cases).extracting(TestCase::name)
                .containsExactly("spawn", "cephx_secret[host-b]", "hop2.live_migration");
        assertThat(cases).extracting(TestCase::outcome).containsExactly(TestCase.Outcome.PASSED,
                TestCase.Outcome.FAILED, TestCase.Outcome.SKIPPED);
        assertThat(cases.get(1).message()).isEqualTo("secret <b>\"x\"</b> | holds a different key & key = <redacted>");
        assertThat(cases.get(0).seconds()).isEqualTo(3.2);
        assertThat(cases.get(0).suite()).isEqualTo("conformance.contract");
    }

    @Test
    void eachHostSaysHowItWasReachedAndTheAgentsBrokerIsNamedMasked() throws Exception {
        ConformanceResult r = new ConformanceResult("lab", "/etc/nova-libvirt/site.conf",
                Instant.parse("2026-12-01T21:00:00Z"), Duration.ofMillis(9_000), "conformance-6f1c9a52",
                "6f1c9a52-0d7e-4c1b-9f5e-2a8b3c4d5e6f",
                List.of(new ConformanceResult.HostRow("host1", "host-a", "qemu+tcp://198.18.0.11/system", "9.0.0",
                                "7.2.0", SiteHost.Reach.AGENT_AND_LIBVIRT),
                        new ConformanceResult.HostRow("host2", "host-b", null, null, "7.2.0", SiteHost.Reach.AGENT)),
                null, null, List.of(CheckResult.skipped("cephx_secret[host-b]", Kind.SITE, "[libvirt] rbd_secret_uuid",
                        "needs the host's libvirt URI: host-b is reached through its agent")),
                "rabbit://nova:***@198.18.0.1:5672/");

        String md = MarkdownReport.render(r);
        assertThat(md).contains("| host | role | libvirt URI | libvirt | QEMU | reached through |",
                "| host-a | host1 | `qemu+tcp://198.18.0.11/system` | 9.0.0 | 7.2.0 | agent (server host-a of topic "
                        + "compute); libvirt at qemu+tcp://198.18.0.11/system for the libvirt-only checks |",
                "| host-b | host2 | none | unknown | 7.2.0 | agent (server host-b of topic compute); no libvirt URI: "
                        + "the libvirt-only checks are skipped |",
                "Agents: topic compute, exchange nova on `rabbit://nova:***@198.18.0.1:5672/`",
                "| skipped | 0 ms | needs the host's libvirt URI: host-b is reached through its agent |");
        assertThat(HtmlReport.render(r)).contains("<td>host-b</td><td>host2</td><td>none</td><td>unknown</td>"
                + "<td>7.2.0</td><td>agent (server host-b of topic compute); no libvirt URI: the libvirt-only checks "
                + "are skipped</td>", "Agents: topic compute, exchange nova on <code>rabbit://nova:***@198.18.0.1:5672/");
        assertThat(JUnitXmlReport.render(r)).contains("<property name=\"host2.uri\" value=\"unknown\"/>",
                "<property name=\"host2.reached\" value=\"agent (server host-b of topic compute); no libvirt URI: "
                        + "the libvirt-only checks are skipped\"/>",
                "<property name=\"agents.broker\" value=\"rabbit://nova:***@198.18.0.1:5672/\"/>");
        assertThat(MarkdownReport.render(result())).as("a run without agents names no broker")
                .doesNotContain("Agents:").contains("| 7.2.0 | libvirt at qemu+tcp://198.18.0.11/system |");
    }
}
