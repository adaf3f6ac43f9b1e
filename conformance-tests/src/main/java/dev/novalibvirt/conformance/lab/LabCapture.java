package dev.novalibvirt.conformance.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A packet capture on the lab's network with Debian's tcpdump (issue 15's proof that the migration stream is
 * encrypted): started on a host's bridge port (its veth, which sees every frame the host sends or receives; the
 * bridge device itself sees only frames for the root namespace), written to a pcap file, then searched for bytes.
 * Needs root, as the whole lab does.
 */
public final class LabCapture implements AutoCloseable {
    private final Process tcpdump;   // null for a file captured earlier
    private final Path file;
    private final List<String> stderr = new ArrayList<>();

    private LabCapture(Process tcpdump, Path file) {
        this.tcpdump = tcpdump;
        this.file = file;
    }

    /**
     * Starts capturing on {@code iface} what {@code filter} (a pcap filter, e.g. {@code host A and host B}) selects
     * into {@code file}, and returns once tcpdump says it listens.
     */
    public static LabCapture start(String iface, String filter, Path file) {
        // -Z root: Debian's tcpdump would drop to user tcpdump before opening the file; -U: written packet by packet
        List<String> argv = List.of("tcpdump", "-i", iface, "-n", "-s", "0", "-U", "-Z", "root", "-w", file.toString(),
                filter);
        try {
            Process p = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            LabCapture c = new LabCapture(p, file);
            c.awaitListening(p.getErrorStream());
            return c;
        } catch (IOException e) {
            throw new LabNotUpException("cannot run tcpdump (is the lab up to date? ./lab up installs it): "
                    + e.getMessage(), e);
        }
    }

    /** A capture file made earlier (e.g. kept from a failed run), to search it. */
    public static LabCapture of(Path file) {
        return new LabCapture(null, file);
    }

    private void awaitListening(InputStream err) {
        BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8));
        CompletableFuture<Boolean> listening = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (stderr) {
                        stderr.add(line);
                    }
                    if (line.contains("listening on")) {
                        listening.complete(true);
                    }
                }
            } catch (IOException e) {
                // tcpdump ended
            }
            listening.complete(false);
        }, "tcpdump-stderr");
        t.setDaemon(true);
        t.start();
        boolean ok;
        try {
            ok = listening.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            ok = false;
        }
        if (!ok) {
            tcpdump.destroyForcibly();
            throw new IllegalStateException("tcpdump did not start listening: " + stderrText());
        }
    }

    private String stderrText() {
        synchronized (stderr) {
            return String.join(" | ", stderr);
        }
    }

    /** Stops the capture (SIGTERM: tcpdump flushes and closes the file) and returns the file's size. */
    public long stop() {
        if (tcpdump != null && tcpdump.isAlive()) {
            tcpdump.destroy();
            try {
                if (!tcpdump.waitFor(10, TimeUnit.SECONDS)) {
                    tcpdump.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tcpdump.destroyForcibly();
            }
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many times {@code needle} occurs in the capture (packet payloads and headers alike). */
    public long count(byte[] needle) {
        if (needle.length == 0) {
            throw new IllegalArgumentException("empty needle");
        }
        return scan(file, needle.length, (buf, at) -> {
            for (int j = 0; j < needle.length; j++) {
                if (buf[at + j] != needle[j]) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * TLS ClientHellos in the capture: a handshake record (0x16, version 3.1-3.3) whose first message is a
     * ClientHello (type 1) of exactly the record's length less its 4-byte header, offering version 3.3 (TLS 1.2, also
     * what a TLS 1.3 hello says there). That many consistent bytes do not occur by chance in a plain stream.
     */
    public long countTlsClientHellos() {
        return scan(file, 11, (b, i) -> {
            if (b[i] != 0x16 || b[i + 1] != 0x03 || b[i + 2] < 1 || b[i + 2] > 3 || b[i + 5] != 0x01
                    || b[i + 9] != 0x03 || b[i + 10] != 0x03) {
                return false;
            }
            int record = (b[i + 3] & 0xff) << 8 | (b[i + 4] & 0xff);
            int hello = (b[i + 6] & 0xff) << 16 | (b[i + 7] & 0xff) << 8 | (b[i + 8] & 0xff);
            return hello == record - 4;
        });
    }

    /** A test of the {@code width} bytes at {@code at}. */
    @FunctionalInterface
    interface At {
        boolean matches(byte[] buf, int at);
    }

    /** Positions of {@code file} where {@code at} matches, read in chunks that overlap by {@code width - 1} bytes. */
    static long scan(Path file, int width, At at) {
        long n = 0;
        byte[] buf = new byte[1 << 20];
        int carry = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buf, carry, buf.length - carry)) > 0; ) {
                int len = carry + read;
                for (int i = 0; i <= len - width; i++) {
                    if (at.matches(buf, i)) {
                        n++;
                    }
                }
                // keep the tail that could start a match completed by the next chunk
                carry = Math.min(width - 1, len);
                System.arraycopy(buf, len - carry, buf, 0, carry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        stop();
    }
}
