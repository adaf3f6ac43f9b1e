package dev.novalibvirt.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the program does before it reaches any host; the run against real hosts is ReadmeExampleIT's. */
class MigrateRbdGuestTest {
    static final String UUID = "0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b";
    static final String IMAGE = "rbd://d5e88152-b3f0-45e6-8671-8a474c0a2ce1/images/img/snap";

    @Test
    void wrongArgumentsPrintTheUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(MigrateRbdGuest.run(new String[] {"only-one"}, new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: MigrateRbdGuest SOURCE_NOVA_CONF");
    }

    @Test
    void anUnreadableNovaConfIsAConfigurationError(@TempDir Path dir) {
        assertThatThrownBy(() -> MigrateRbdGuest.migrateOnce(dir.resolve("missing.conf"), "test:///default",
                dir.resolve("missing.conf"), "test:///default", IMAGE, UUID, "example-test", () -> { }))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("missing.conf");
    }

    @Test
    void aHostWhoseNovaConfIsNotRbdIsRefusedBeforeAnythingIsOpened(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("nova.conf"), "[DEFAULT]\nhost = compute-1\ninstances_path = "
                + dir + "\n[libvirt]\nimages_type = qcow2\n");
        assertThatThrownBy(() -> MigrateRbdGuest.migrateOnce(conf, "test:///default", conf, "test:///default",
                IMAGE, UUID, "example-test", () -> { }))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("images_type = qcow2");
    }
}
