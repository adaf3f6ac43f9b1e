package dev.novalibvirt.migration.task.journal;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link MigrationJournal}: one UTF-8 text file, one record per line, only ever appended, each append
 * fsynced before {@link #append} returns (the file's directory too, when the file is created, so that the file
 * itself survives a power loss). A line is
 * <pre>v1 2026-12-01T12:00:00.123Z 6c1d...-migration-id STEP_FINISHED step=PRE_LIVE_MIGRATION host=host-b crc=1a2b3c4d</pre>
 * with values URL-encoded (no blanks or line breaks inside a value) and a CRC32 of everything before
 * {@code crc=}, so a line torn by a crash is recognised and skipped instead of misread. A record always starts a
 * line of its own: after a torn line (a crash mid-append, or an append that failed part-way, e.g. on a full disk)
 * the next record first ends that line, so the torn bytes stay one skipped line and the record written after them
 * (typically the same END again, by the next recovery) is read back whole instead of being glued to them.
 */
public final class FileMigrationJournal implements MigrationJournal {
    private static final Logger LOG = LoggerFactory.getLogger(FileMigrationJournal.class);
    private static final String VERSION = "v1";

    private final Path file;

    public FileMigrationJournal(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void append(JournalRecord record) {
        boolean created = !Files.exists(file);
        try {
            Files.createDirectories(file.getParent());
            // glued to a torn line, the record would fail that line's CRC and be lost with it
            String start = !created && endsInsideALine() ? "\n" : "";
            byte[] line = (start + format(record) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (created) {
                syncDirectory(file.getParent());
            }
        } catch (IOException e) {
            throw new JournalException("cannot append to the migration journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<JournalRecord> records() {
        List<String> lines;
        try {
            // decoded with replacement, not readAllLines: a torn multi-byte tail would make that throw and the whole
            // journal unreadable, while here it only fails its own line's CRC and is skipped like any torn line
            lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new JournalException("cannot read the migration journal " + file + ": " + e.getMessage(), e);
        }
        List<JournalRecord> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            JournalRecord r = parse(lines.get(i));
            if (r == null) {
                LOG.warn("{} line {}: torn or foreign record skipped", file, i + 1);
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** Whether the file's last byte is not a line break: its last record was torn. */
    private boolean endsInsideALine() throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            return ch.read(last, size - 1) == 1 && last.get(0) != '\n';
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    static String format(JournalRecord r) {
        StringBuilder sb = new StringBuilder(VERSION).append(' ').append(r.at()).append(' ')
                .append(encode(r.migrationId())).append(' ').append(r.event());
        r.fields().forEach((k, v) -> sb.append(' ').append(k).append('=').append(encode(v)));
        String body = sb.toString();
        return body + " crc=" + crc(body);
    }

    /** The record of one line, or null when the line is torn, corrupt or of another format. */
    static JournalRecord parse(String line) {
        int crcAt = line.lastIndexOf(" crc=");
        if (crcAt < 0 || !line.startsWith(VERSION + " ")
                || !line.substring(crcAt + 5).equals(crc(line.substring(0, crcAt)))) {
            return null;
        }
        String[] parts = line.substring(0, crcAt).split(" ");
        if (parts.length < 4) {
            return null;
        }
        try {
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 4; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                fields.put(parts[i].substring(0, eq), decode(parts[i].substring(eq + 1)));
            }
            return new JournalRecord(decode(parts[2]), Instant.parse(parts[1]), JournalEvent.valueOf(parts[3]),
                    fields);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String crc(String s) {
        CRC32 c = new CRC32();
        c.update(s.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", c.getValue());
    }

    private static String encode(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    private static String decode(String v) {
        return URLDecoder.decode(v, StandardCharsets.UTF_8);
    }

    private static void syncDirectory(Path dir) {
        // a new file's directory entry is durable only once the directory is fsynced (Linux; a no-op elsewhere)
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("cannot fsync directory {}: {}", dir, e.getMessage());
        }
    }
}
