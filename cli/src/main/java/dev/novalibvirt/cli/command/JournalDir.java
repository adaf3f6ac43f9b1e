package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.CliUsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --journal DIR}: made if missing, and writable, before a migration starts (a journal that cannot be written would fail it midway). */
final class JournalDir {
    private JournalDir() {
    }

    /** @throws CliUsageException naming {@code --journal} when the directory cannot be made or written */
    static Path prepare(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new CliUsageException("cannot create the journal directory " + dir + " (--journal DIR): " + e);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new CliUsageException("the journal directory " + dir + " is not a writable directory (--journal DIR)");
        }
        return dir.toAbsolutePath();
    }
}
