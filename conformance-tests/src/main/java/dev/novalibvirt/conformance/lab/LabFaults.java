package dev.novalibvirt.conformance.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Faults injected into one lab host the way they happen on a real one, through the lab's own commands
 * ({@code lab/cmd/host-*.sh}): libvirtd killed or restarted (its guests keep running), the host's link cut, one
 * guest's QEMU killed. Shared by the fault ITs and the fault-matrix benchmark.
 */
public final class LabFaults {
    /** Where the repository is, when neither the working directory nor its parent holds the lab scripts. */
    public static final String REPO_PROPERTY = "novalab.repo";

    private final LabEnv env;

    public LabFaults(LabEnv env) {
        this.env = env;
    }

    /** kill -9 of the host's libvirtd alone. */
    public void killLibvirtd(String letter) {
        command("host-kill.sh", letter);
    }

    /** Restarts the host's libvirtd (or starts it when it is dead); waits until it answers. */
    public void restartLibvirtd(String letter) {
        command("host-restart.sh", letter);
    }

    /** Cuts ({@code up=false}) or restores the host's link to the lab bridge. */
    public void link(String letter, boolean up) {
        command("host-link.sh", letter, up ? "up" : "down");
    }

    /** kill -9 of the QEMU that runs (or receives) domain {@code name} on the host; false when there is none. */
    public boolean killQemu(String letter, String name) {
        String netns = env.get("HOST_" + letter.toUpperCase(java.util.Locale.ROOT) + "_NETNS");
        String pids = exec(List.of("ip", "netns", "pids", netns));
        boolean killed = false;
        for (String pid : pids.split("\\s+")) {
            if (pid.isBlank()) {
                continue;
            }
            try {
                String cmdline = Files.readString(Path.of("/proc", pid, "cmdline"), StandardCharsets.UTF_8)
                        .replace('\0', ' ');
                if (cmdline.startsWith("/usr/bin/qemu-system") && cmdline.contains("guest=" + name + ",")) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                    killed = true;
                }
            } catch (IOException e) {
                // the process ended meanwhile
            }
        }
        return killed;
    }

    /** Runs lab command {@code script} with {@code args}; fails with its output when it fails. */
    public static void command(String script, String... args) {
        List<String> argv = new ArrayList<>(List.of("bash", scripts().resolve(script).toString()));
        argv.addAll(List.of(args));
        exec(argv);
    }

    /**
     * The lab command {@code script} ({@code lab/cmd/<script>}) as an absolute path, for a caller that runs it itself
     * (e.g. a long-running {@code agents.sh exec}).
     */
    public static Path commandPath(String script) {
        return scripts().resolve(script).toAbsolutePath();
    }

    private static Path scripts() {
        String repo = System.getProperty(REPO_PROPERTY);
        List<Path> candidates = new ArrayList<>();
        if (repo != null) {
            candidates.add(Path.of(repo, "conformance-tests/lab/cmd"));
        }
        candidates.add(Path.of("lab/cmd"));
        candidates.add(Path.of("conformance-tests/lab/cmd"));
        return candidates.stream().filter(Files::isDirectory).findFirst().orElseThrow(() ->
                new IllegalStateException("no lab scripts in " + candidates + "; set -D" + REPO_PROPERTY));
    }

    private static String exec(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " did not end within 3 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed (" + p.exitValue() + "):\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", argv) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", argv), e);
        }
    }
}
