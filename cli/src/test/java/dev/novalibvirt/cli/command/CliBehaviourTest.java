package dev.novalibvirt.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.exception.InternalError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every command shares: usage errors, configuration errors, one-line errors, --verbose, secrets. */
class CliBehaviourTest {
    @TempDir
    Path dir;
    final FakeServices fake = new FakeServices();

    @Test
    void noCommandOrAnUnknownOneIsUsageExitTwo() {
        CliRun none = CliRun.of(fake, null);
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("missing command", "refresh-monitors", "cache-check", "disk-holders", "fence",
                "unfence", "migrate", "drain", "evacuate", "conformance");
        assertThat(none.err().replaceAll("\\s+", " ")).as("the footer, as picocli wraps it")
                .contains("Exit codes: 0 done, 1 failure, 2 usage or configuration error, 3 migration rolled back "
                        + "(drain: some guest did not move; evacuate: some guest was refused), 4 migration needs "
                        + "recovery (evacuate: some guest's rebuild failed).");

        assertThat(CliRun.of(fake, null, "migrate").exitCode()).as("INSTANCE and one of --to/--abort/--force-complete")
                .isEqualTo(2);
        assertThat(CliRun.of(fake, CliRun.novaConf(dir, ""), "cache-check", "--bogus").exitCode()).isEqualTo(2);
    }

    @Test
    void helpIsExitZero() {
        CliRun run = CliRun.of(fake, null, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: nova-libvirt");
        assertThat(CliRun.of(fake, null, "refresh-monitors", "--help").out()).contains("--dry-run", "--json",
                "--config-file", "--domain");
    }

    @Test
    void aMissingNovaConfIsAConfigurationErrorInOneLine() {
        CliRun run = CliRun.of(fake, dir.resolve("missing.conf"), "cache-check");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("nova-libvirt cache-check: error: CliUsageException: cannot read nova.conf "
                + dir.resolve("missing.conf") + " (give another with --config-file PATH)\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anotherImagesTypeOrAMissingCephConfIsAConfigurationError() throws IOException {
        Path nova = CliRun.novaConf(dir, "");
        Files.writeString(nova, Files.readString(nova).replace("images_type = rbd", "images_type = qcow2"));
        CliRun qcow = CliRun.of(fake, nova, "disk-holders", "vms/a");
        assertThat(qcow.exitCode()).isEqualTo(2);
        assertThat(qcow.err()).contains("InvalidConfiguration", "images_type = rbd");

        Path nova2 = CliRun.novaConf(dir, "");
        Files.delete(dir.resolve("ceph.conf"));
        CliRun ceph = CliRun.of(fake, nova2, "fence", "198.18.0.13");
        assertThat(ceph.exitCode()).isEqualTo(2);
        assertThat(ceph.err()).contains("cannot read ceph.conf " + dir.resolve("ceph.conf"));
    }

    @Test
    void verbosePrintsTheStackTraceOtherwiseNone() {
        fake.cephFailure = new InternalError("mon dump failed");
        Path nova = CliRun.novaConf(dir, "");

        assertThat(CliRun.of(fake, nova, "disk-holders", "vms/a").err()).doesNotContain("\tat ");
        CliRun verbose = CliRun.of(fake, nova, "disk-holders", "vms/a", "--verbose");
        assertThat(verbose.err()).startsWith("nova-libvirt disk-holders: error: InternalError: mon dump failed\n")
                .containsPattern("\tat (dev\\.novalibvirt\\.cli@[^/]+/)?dev\\.novalibvirt\\.cli\\."); // module path: "module@version/class"
    }

    @Test
    void aKeyInADaemonsMessageIsNeverPrinted() {
        String key = "AQBzbvhlAAAAABAAb1x7oZ7K0Kz6v3nYtQ6w8Q==";
        fake.cephFailure = new InternalError("auth failed for key = " + key + " (" + key + ")");
        Path nova = CliRun.novaConf(dir, "");

        CliRun run = CliRun.of(fake, nova, "disk-holders", "vms/a", "--json", "--verbose");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out() + run.err()).doesNotContain(key).doesNotContain("AQBzbvhl").contains("<redacted>");
    }
}
