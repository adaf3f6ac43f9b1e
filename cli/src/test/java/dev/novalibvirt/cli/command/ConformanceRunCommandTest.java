package dev.novalibvirt.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.novalibvirt.cli.conformance.ConformanceSite.SecretState;
import dev.novalibvirt.cli.conformance.SiteConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conformance run --config FILE} against a fake site: the table and the three report files, the JSON
 * document, exit 1 naming a failed check, exit 2 for a bad config with nothing opened or written.
 */
class ConformanceRunCommandTest {
    @TempDir
    Path dir;
    final FakeServices fake = new FakeServices();

    private CliRun run(String... args) {
        return CliRun.of(fake, null, args);
    }

    private static JsonNode check(JsonNode checks, String id) {
        return StreamSupport.stream(checks.spliterator(), false).filter(c -> c.path("id").asText().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no " + id + " in " + checks));
    }

    @Test
    void aConformingSitePassesAndTheReportsAreWritten() throws Exception {
        Path config = SiteConfigs.write(dir);
        Path out = dir.resolve("report");

        CliRun r = run("conformance", "run", "--config", config.toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("PASS: 34 checks, 34 passed, 0 failed, 0 skipped in ")
                .contains("host1 host-a (qemu+tcp://198.18.0.11/system): libvirt 9.0.0, QEMU 7.2.0",
                        "Ceph: cluster 17.2.7", "hop1.live_migration", "reports: " + out.resolve("conformance.md"));
        assertThat(Files.readString(out.resolve("conformance.md"))).contains("**PASS: 34 checks");
        assertThat(Files.readString(out.resolve("conformance.html"))).contains("PASS: 34 checks");
        assertThat(Files.readString(out.resolve("TEST-nova-libvirt-conformance.xml"))).contains("tests=\"34\" failures=\"0\"");
        assertThat(fake.site.closed).isTrue();
        assertThat(fake.siteConfig.host2().name()).isEqualTo("host-b");

        CliRun report = run("conformance", "report", out.toString());
        assertThat(report.exitCode()).as("the JUnit XML reads as any other report").isZero();
        assertThat(report.out()).startsWith("PASS: 34 tests, 34 passed");
    }

    @Test
    void theJsonDocumentNamesEveryCheckAndTheDestinationsWrongSecret() {
        fake.site.secrets.put("host-b", SecretState.DIFFERENT);
        Path config = SiteConfigs.write(dir);

        CliRun r = run("conformance", "run", "--config", config.toString(), "--out", dir.resolve("r").toString(),
                "--json");

        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode doc = r.json();
        assertThat(doc.path("command").asText()).isEqualTo("conformance run");
        assertThat(doc.path("exit_code").asInt()).isEqualTo(1);
        JsonNode res = doc.path("result");
        assertThat(res.path("result").asText()).isEqualTo("FAIL");
        assertThat(res.path("failed").asLong()).isEqualTo(3);
        assertThat(res.path("guest").path("name").asText()).startsWith("conformance-");
        assertThat(res.path("hosts").get(1).path("qemu").asText()).isEqualTo("7.2.0");
        JsonNode secret = check(res.path("checks"), "cephx_secret[host-b]");
        assertThat(secret.path("status").asText()).isEqualTo("FAILED");
        assertThat(secret.path("kind").asText()).isEqualTo("site");
        assertThat(secret.path("detail").asText()).contains("holds a different key than the key of client.nova");
        assertThat(check(res.path("checks"), "hop1.pre_live_migration").path("status").asText())
                .isEqualTo("FAILED");
        assertThat(res.path("reports").path("junit").asText()).endsWith("TEST-nova-libvirt-conformance.xml");
    }

    @Test
    void aBadConfigIsExitTwoNamingTheKeyAndNothingIsOpenedOrWritten() {
        Path config = SiteConfigs.write(dir, "secret_uuid = " + SiteConfigs.SECRET_UUID, "secret_uuid = AQBzb21lIGZha2Uga2V5IGZvciB0ZXN0cyEhIQ==");
        Path out = dir.resolve("report");

        CliRun r = run("conformance", "run", "--config", config.toString(), "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("nova-libvirt conformance run: error: ConfigurationError: " + config
                + ": [ceph] secret_uuid: is not a uuid").doesNotContain("AQBz");
        assertThat(fake.siteConfig).as("no site opened").isNull();
        assertThat(out).doesNotExist();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void withoutConfigItIsAUsageError() {
        CliRun r = run("conformance", "run");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--config=FILE'");
        assertThat(fake.siteConfig).isNull();
    }

    @Test
    void throughTheAgentsTheReportSaysHowEachHostWasReachedAndNeverShowsTheBrokersPassword() throws Exception {
        Path config = SiteConfigs.writeAgents(dir);
        Path out = dir.resolve("report");

        CliRun r = run("conformance", "run", "--config", config.toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("PASS: 36 checks, 30 passed, 0 failed, 6 skipped in ")
                .contains("host1 host-a (agent (server host-a of topic compute); no libvirt URI: the libvirt-only "
                        + "checks are skipped): libvirt unknown, QEMU 7.2.0",
                        "Agents: topic compute on rabbit://nova:***@198.18.0.1:5672/",
                        "needs the host's libvirt URI: host-b is reached through its agent");
        CliRun json = run("conformance", "run", "--config", config.toString(), "--out", out.toString(), "--json");
        JsonNode host = json.json().path("result").path("hosts").get(1);
        assertThat(host.path("via").asText()).isEqualTo("agent");
        assertThat(host.path("uri").isNull()).isTrue();
        assertThat(json.json().path("result").path("broker").asText()).isEqualTo("rabbit://nova:***@198.18.0.1:5672/");
        for (String text : List.of(r.out(), r.err(), json.out(), Files.readString(out.resolve("conformance.md")),
                Files.readString(out.resolve("conformance.html")),
                Files.readString(out.resolve("TEST-nova-libvirt-conformance.xml")))) {
            assertThat(text).doesNotContain(SiteConfigs.BROKER_PASSWORD);
        }
    }

    @Test
    void aBadAgentConfigIsExitTwoNamingTheKeyWithNothingOpenedAndNoPasswordShown() {
        Path config = SiteConfigs.writeAgents(dir, SiteConfigs.TRANSPORT_URL,
                "amqp://nova:" + SiteConfigs.BROKER_PASSWORD + "@198.18.0.1/");
        Path out = dir.resolve("report");

        CliRun r = run("conformance", "run", "--config", config.toString(), "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("nova-libvirt conformance run: error: ConfigurationError: " + config
                + ": [DEFAULT] transport_url: is invalid: scheme 'amqp' is not supported (only rabbit)")
                .doesNotContain(SiteConfigs.BROKER_PASSWORD);
        assertThat(fake.siteConfig).as("no site opened, no broker connected").isNull();
        assertThat(out).doesNotExist();
    }
}
