package dev.novalibvirt.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.novalibvirt.cli.config.CliUsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** host-c (198.18.0.13) is dead; the operator fences it before evacuating, and unfences it once repaired. */
class FenceCommandTest {
    @TempDir
    Path dir;
    Path novaConf;
    final FakeServices fake = new FakeServices();

    @BeforeEach
    void conf() {
        novaConf = CliRun.novaConf(dir, "");
    }

    @Test
    void fenceBlocklistsTheHostAsTheAdminIdentityNotTheDriversUser() throws IOException {
        Path keyring = Files.writeString(dir.resolve("ceph.client.admin.keyring"), "[client.admin]\n");

        CliRun run = CliRun.of(fake, novaConf, "fence", "198.18.0.13", "--expire", "15m", "--admin-keyring",
                keyring.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fake.fencingIdentity.user()).isEqualTo("admin");
        assertThat(fake.fencingIdentity.keyring()).contains(keyring);
        assertThat(fake.fencingIdentity.cephConf()).isEqualTo(dir.resolve("ceph.conf"));
        assertThat(fake.fenced).containsExactly("198.18.0.13");
        assertThat(fake.fencedFor).isEqualTo(Duration.ofMinutes(15));
        assertThat(run.out()).startsWith("Fenced 198.18.0.13: every Ceph client on 198.18.0.13 is blocklisted\n")
                .containsPattern("198.18.0.13:0/0 +15m");
    }

    @Test
    void fenceJsonAndANameResolvedToItsAddresses() {
        fake.resolves.put("host-c", List.of("198.18.0.13", "fd00::13"));

        CliRun run = CliRun.of(fake, novaConf, "fence", "host-c", "--json", "--admin-id", "operator");

        JsonNode doc = run.json();
        assertThat(doc.path("command").asText()).isEqualTo("fence");
        JsonNode r = doc.path("result");
        assertThat(r.path("host").asText()).isEqualTo("host-c");
        assertThat(r.path("addresses")).hasSize(2);
        assertThat(r.path("entries").get(0).asText()).isEqualTo("198.18.0.13:0/0");
        assertThat(r.path("entries").get(1).asText()).isEqualTo("fd00::13:0/0");
        assertThat(r.path("expire_seconds").asLong()).as("Ceph's default, one hour").isEqualTo(3600);
        assertThat(fake.fencingIdentity.user()).isEqualTo("operator");
    }

    @Test
    void unfenceListsWhatWasRemoved() {
        fake.entriesOnIp.put("198.18.0.13", List.of("198.18.0.13:0/0", "198.18.0.13:0/77"));

        CliRun run = CliRun.of(fake, novaConf, "unfence", "198.18.0.13", "--json");
        JsonNode r = run.json().path("result");
        assertThat(r.path("removed")).hasSize(2);
        assertThat(r.path("addresses").get(0).asText()).isEqualTo("198.18.0.13");

        assertThat(CliRun.of(fake, novaConf, "unfence", "198.18.0.14").out())
                .isEqualTo("198.18.0.14 was not fenced: no blocklist entry on 198.18.0.14\n");
    }

    @Test
    void aMissingAdminKeyringOrABadExpiryIsAUsageErrorAndNothingIsFenced() {
        CliRun keyring = CliRun.of(fake, novaConf, "fence", "198.18.0.13", "--admin-keyring", "/nonexistent/keyring");
        assertThat(keyring.exitCode()).isEqualTo(2);
        assertThat(keyring.err()).contains("cannot read the admin keyring /nonexistent/keyring");

        CliRun expiry = CliRun.of(fake, novaConf, "fence", "198.18.0.13", "--expire", "soon");
        assertThat(expiry.exitCode()).isEqualTo(2);
        assertThat(expiry.err()).contains("expiry 'soon' is not a duration");

        assertThat(CliRun.of(fake, novaConf, "fence").exitCode()).as("HOST missing").isEqualTo(2);
        assertThat(fake.fenced).isEmpty();
    }

    @Test
    void expiries() {
        assertThat(Expiry.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Expiry.parse("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Expiry.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Expiry.parse("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> Expiry.parse("0s")).isInstanceOf(CliUsageException.class);
        assertThatThrownBy(() -> Expiry.parse("-5m")).isInstanceOf(CliUsageException.class);
    }
}
