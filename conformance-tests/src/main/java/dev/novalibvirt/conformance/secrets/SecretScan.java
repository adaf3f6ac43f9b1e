package dev.novalibvirt.conformance.secrets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * One scan: haystacks go in (files, directory trees, command output), hits and counts come out. Every line is
 * searched for every secret; lines of QEMU (its logs, its argv) also go through {@link QemuSecretObjects}.
 * Files that are binary (a NUL in their first 8 KiB) and directories named {@code secrets} (where libvirt keeps
 * secret values, legitimately) are skipped; files that vanish while the scan runs are skipped too.
 */
public final class SecretScan {
    private static final int SNIFF = 8192;

    private final SecretMatcher matcher;
    private final List<SecretHit> hits = new ArrayList<>();
    private int files;
    private int skippedBinary;
    private long lines;
    private int outputs;

    public SecretScan(List<Secret> secrets) {
        this.matcher = new SecretMatcher(secrets);
    }

    /** Every regular file under {@code root} (no symlinks followed); nothing when it does not exist. */
    public void tree(Path root, boolean qemu) {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.getFileName().toString().equals("secrets") && !dir.equals(root)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // removed while walking (a test's instance dir): the rest is still scanned
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + root, e);
        }
        found.stream().sorted().forEach(p -> file(p, qemu));
    }

    public void file(Path file, boolean qemu) {
        try {
            if (binary(file)) {
                skippedBinary++;
                return;
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                    StandardCharsets.UTF_8))) {
                files++;
                read(file.toString(), r, qemu);
            }
        } catch (NoSuchFileException e) {
            // gone since it was listed
        } catch (IOException e) {
            hits.add(new SecretHit(file.toString(), "unreadable haystack", "I/O error", e.getClass().getSimpleName()));
        }
    }

    /** Output of a command or libvirt call, located as {@code where:N}. */
    public void text(String where, String text, boolean qemu) {
        outputs++;
        try {
            read(where, new BufferedReader(new StringReader(text)), qemu);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(String where, BufferedReader r, boolean qemu) throws IOException {
        int number = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            number++;
            lines++;
            String at = where + ":" + number;
            hits.addAll(matcher.scanLine(at, line));
            if (qemu) {
                QemuSecretObjects.check(at, matcher.mask(line)).ifPresent(hits::add);
            }
        }
    }

    private static boolean binary(Path file) throws IOException {
        byte[] head = new byte[SNIFF];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, SNIFF);
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                return true;
            }
        }
        return false;
    }

    public List<SecretHit> hits() {
        return List.copyOf(hits);
    }

    /** What was scanned, for the run's log: proof that the scan saw something. */
    public String summary() {
        return files + " files, " + outputs + " command outputs, " + lines + " lines scanned; "
                + skippedBinary + " binary files skipped; " + hits.size() + " hits";
    }

    /** The failure message: every hit, masked, one a line. */
    public String report() {
        StringBuilder b = new StringBuilder(hits.size() + " secret(s) found where none may be (" + summary() + "):");
        hits.forEach(h -> b.append("\n  ").append(h));
        return b.toString();
    }
}
