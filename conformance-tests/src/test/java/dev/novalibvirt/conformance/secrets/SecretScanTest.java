package dev.novalibvirt.conformance.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretScanTest {
    private static final String PASSWORD = "b7f1c0e2-made-up-password";
    private static final String PLAIN_SECRET_OBJECT =
            "-object '{\"qom-type\":\"secret\",\"id\":\"s0\",\"data\":\"QVFCcGxhaW4=\",\"format\":\"base64\"}' \\";

    @TempDir
    Path dir;

    private final SecretScan scan = new SecretScan(List.of(Secret.password("RabbitMQ password", PASSWORD)));

    @Test
    void aLogLineWithTheSecretIsReportedByFileAndLine() throws IOException {
        Path log = write("host-a/log/libvirtd.log", "starting\nconnecting with " + PASSWORD + "\n");

        scan.tree(dir, false);

        assertThat(scan.hits()).singleElement().satisfies(h -> {
            assertThat(h.where()).isEqualTo(log + ":2");
            assertThat(h.what()).isEqualTo("RabbitMQ password");
        });
        assertThat(scan.report()).doesNotContain(PASSWORD).contains(log + ":2");
    }

    @Test
    void libvirtsSecretsDirectoryAndBinaryFilesAreNotHaystacks() throws IOException {
        write("host-a/etc/secrets/690dded0.base64", PASSWORD);
        Path bin = dir.resolve("core.bin");
        Files.write(bin, ("\0\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));

        scan.tree(dir, false);

        assertThat(scan.hits()).isEmpty();
        assertThat(scan.summary()).contains("0 files", "1 binary files skipped");
    }

    @Test
    void qemusLinesAreAlsoCheckedForSecretObjectsWithPlainData() throws IOException {
        write("host-a/log/qemu/guest.log", PLAIN_SECRET_OBJECT + "\n");

        scan.tree(dir.resolve("host-a/log"), true);
        scan.text("failsafe output", PLAIN_SECRET_OBJECT, false);

        assertThat(scan.hits()).singleElement().satisfies(h -> {
            assertThat(h.what()).isEqualTo("a QEMU secret object");
            assertThat(h.maskedLine()).doesNotContain("QVFCcGxhaW4=");
        });
    }

    @Test
    void aMissingHaystackIsNoError() {
        scan.tree(dir.resolve("absent"), false);
        scan.file(dir.resolve("verify.log"), false);

        assertThat(scan.hits()).isEmpty();
    }

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
