package dev.novalibvirt.conformance.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Faults injected into the lab the way they happen on a real cloud, through the lab's own commands
 * ({@code lab/cmd/host-*.sh}, {@code osd-restart.sh}, {@code mon-move.sh}): a host's libvirtd killed or restarted
 * (its guests keep running), its link cut, one guest's QEMU killed; the OSDs restarted; the monitor moved to another
 * address. Shared by the fault ITs and the fault-matrix benchmark.
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

    /**
     * Restarts the lab's OSD daemon(s) as an operator would and returns once the cluster serves I/O again
     * ({@code ./lab osd-restart}).
     */
    public void restartOsds() {
        command(Duration.ofMinutes(5), "osd-restart.sh");
    }

    /** Moves the Ceph monitor to {@code ip} on the lab bridge ({@code ./lab mon-move to IP}); quorum included. */
    public void moveMonitor(String ip) {
        command(Duration.ofMinutes(4), "mon-move.sh", "to", ip);
    }

    /** Moves the Ceph monitor home again ({@code ./lab mon-move back}); nothing to do when it is home. */
    public void moveMonitorBack() {
        command(Duration.ofMinutes(4), "mon-move.sh", "back");
    }

    /** kill -9 of the QEMU that runs (or receives) domain {@code name} on the host; false when there is none. */
    public boolean killQemu(String letter, String name) {
        String netns = env.get("HOST_" + letter.toUpperCase(java.util.Locale.ROOT) + "_NETNS");
        String pids = CommandRunner.check(Duration.ofMinutes(3), List.of("ip", "netns", "pids", netns));
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

    /** Runs lab command {@code script} with {@code args} within 3 minutes; fails with its output when it fails. */
    public static void command(String script, String... args) {
        command(Duration.ofMinutes(3), script, args);
    }

    /** Runs lab command {@code script} with {@code args} within {@code limit}; fails with its output when it fails. */
    public static void command(Duration limit, String script, String... args) {
        List<String> argv = new ArrayList<>(List.of("bash", scripts().resolve(script).toString()));
        argv.addAll(List.of(args));
        CommandRunner.check(limit, argv);
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
}
