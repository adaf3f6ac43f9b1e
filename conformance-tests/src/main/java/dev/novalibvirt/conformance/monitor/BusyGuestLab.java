package dev.novalibvirt.conformance.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.novalibvirt.conformance.lab.LabEnv;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * The busy guest on the lab, for the monitor's tests and benchmarks: builds the kit
 * ({@code conformance-tests/lab/cmd/busy-guest.sh}), defines and starts guests, reads their heartbeat from the
 * serial log of whichever host runs them, and removes them.
 */
public final class BusyGuestLab {
    private static final Pattern HB = Pattern.compile("^hb=(\\d+) ", Pattern.MULTILINE);
    private final Map<String, String> env;
    private final Path script;

    private BusyGuestLab(Map<String, String> env, Path script) {
        this.env = env;
        this.script = script;
    }

    /** The lab as described by its {@code lab.env}; fails with a clear message when the lab is down. */
    public static BusyGuestLab open() {
        return open(LabEnv.load());
    }

    /** The lab of {@code env}; builds the busy-guest kit on first use (cached). */
    public static BusyGuestLab open(LabEnv env) {
        BusyGuestLab lab = new BusyGuestLab(env.asMap(), findScript());
        lab.sh("build");
        return lab;
    }

    private static Path findScript() {
        // next to the compiled classes (conformance-tests/target/classes), else from the working directory up
        try {
            Path classes = Path.of(BusyGuestLab.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path p = classes.getParent() == null || classes.getParent().getParent() == null ? null
                    : classes.getParent().getParent().resolve("lab/cmd/busy-guest.sh");
            if (p != null && Files.isRegularFile(p)) {
                return p;
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            for (Path p : List.of(dir.resolve("lab/cmd/busy-guest.sh"),
                    dir.resolve("conformance-tests/lab/cmd/busy-guest.sh"))) {
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("conformance-tests/lab/cmd/busy-guest.sh not found from " + Path.of("").toAbsolutePath());
    }

    public String uri(char host) {
        return require("HOST_" + Character.toUpperCase(host) + "_URI");
    }

    public String ip(char host) {
        return require("HOST_" + Character.toUpperCase(host) + "_IP");
    }

    private String require(String key) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("lab.env has no " + key);
        }
        return v;
    }

    /** A fresh domain name, {@code monitor-<what>-<8 hex>}. */
    public static String name(String what) {
        return "monitor-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The guest's domain XML (knobs as in busy-guest.sh, e.g. {@code dirty_mb=400}). */
    public String xml(String name, String... knobs) {
        List<String> args = new ArrayList<>(List.of("xml", name));
        args.addAll(List.of(knobs));
        return sh(args.toArray(String[]::new));
    }

    /** Defines and starts the guest on {@code conn}, then waits for its first heartbeat. */
    public Domain start(Connect conn, char host, String name, String... knobs) throws LibvirtException {
        Domain d = conn.domainDefineXML(xml(name, knobs));
        d.create();
        if (waitForHeartbeat(host, name, 0, Duration.ofSeconds(60)).isEmpty()) {
            throw new IllegalStateException(name + ": no heartbeat on host-" + host + " within 60 s");
        }
        return d;
    }

    /** The serial log of {@code name} on {@code host}, seen from the root namespace. */
    public Path serialLog(char host, String name) {
        return Path.of(require("HOST_" + Character.toUpperCase(host) + "_STATE"), "log", "qemu", name + "-serial.log");
    }

    /** The last heartbeat number on {@code host}'s serial log, if any. */
    public OptionalLong lastHeartbeat(char host, String name) {
        Path log = serialLog(host, name);
        try {
            if (!Files.exists(log)) {
                return OptionalLong.empty();
            }
            Matcher m = HB.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
            long last = -1;
            while (m.find()) {
                last = Long.parseLong(m.group(1));
            }
            return last < 0 ? OptionalLong.empty() : OptionalLong.of(last);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the heartbeat on {@code host} exceeds {@code after}; the new value, or empty on timeout. */
    public OptionalLong waitForHeartbeat(char host, String name, long after, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong hb = lastHeartbeat(host, name);
            if (hb.isPresent() && hb.getAsLong() > after) {
                return hb;
            }
            sleep(200);
        }
        return OptionalLong.empty();
    }

    /**
     * Waits for a heartbeat newer than the last one seen now (or the first one, when the guest has printed none on
     * {@code host} yet: right after a post-copy switch-over the destination's log can still be empty).
     */
    public OptionalLong waitForNewHeartbeat(char host, String name, Duration timeout) {
        return waitForHeartbeat(host, name, lastHeartbeat(host, name).orElse(-1), timeout);
    }

    /** Destroys and undefines {@code name} on every lab host and removes its serial logs. */
    public void destroy(String name) {
        sh("destroy", name);
    }

    private String sh(String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("busy-guest.sh " + String.join(" ", args) + " failed");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
