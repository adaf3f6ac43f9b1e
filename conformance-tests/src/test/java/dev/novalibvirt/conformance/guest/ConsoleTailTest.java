package dev.novalibvirt.conformance.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a console.log gained since the last look. */
class ConsoleTailTest {

    @Test
    void eachReadReturnsOnlyWhatWasAppendedSinceTheLastOne(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("console.log");
        ConsoleTail tail = new ConsoleTail(log);
        assertThat(tail.readNew()).as("no file yet (pre_live_migration has not made it)").isEmpty();

        Files.writeString(log, "hb=1 up=1.0\r\nio=1 O");
        assertThat(tail.readNew()).isEqualTo("hb=1 up=1.0\r\nio=1 O");
        assertThat(tail.readNew()).isEmpty();

        Files.writeString(log, "K\r\n", StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
        assertThat(tail.readNew()).isEqualTo("K\r\n");
    }
}
