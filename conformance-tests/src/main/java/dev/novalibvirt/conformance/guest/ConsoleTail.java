package dev.novalibvirt.conformance.guest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a guest's console.log on one host has gained since the last read: the file is only ever appended to while
 * that host runs the guest, so an offset is enough. Bytes as ISO-8859-1, one char each, so a read never splits a
 * character (the guest writes ASCII).
 */
final class ConsoleTail {
    private final Path file;
    private long offset;

    ConsoleTail(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The text appended since the last call; empty while the file does not exist. */
    String readNew() throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size <= offset) {
                return "";
            }
            ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size - offset));
            int n;
            do {
                n = ch.read(buf, offset + buf.position());   // up to the size seen above
            } while (n >= 0 && buf.hasRemaining());
            offset += buf.position();
            return new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return "";
        }
    }
}
