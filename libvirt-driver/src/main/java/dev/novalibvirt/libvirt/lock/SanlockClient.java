package dev.novalibvirt.libvirt.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The one sanlock operation the cleaner needs: run a command while holding a lease. */
@FunctionalInterface
public interface SanlockClient {

    /** Exit status and output of an attempt. */
    record Outcome(boolean success, String detail) {
    }

    /**
     * Acquires {@code lease} for a new process, runs {@code command} in it while the lease is held, then
     * releases it. Fails without running the command when the lease cannot be acquired.
     */
    Outcome runWhileHolding(DiskLease lease, List<String> command);

    /** The {@code sanlock client command -r RESOURCE -c CMD...} command line tool. */
    static SanlockClient cli() {
        return cli(List.of());
    }

    /**
     * As {@link #cli()}, with a launcher in front, e.g. {@code nsenter -t PID -m --} to reach the sanlock daemon
     * of another mount namespace (its socket lives in /run/sanlock).
     */
    static SanlockClient cli(List<String> launcher) {
        List<String> prefix = List.copyOf(launcher);
        return (lease, command) -> {
            List<String> argv = new ArrayList<>(prefix);
            argv.addAll(List.of("sanlock", "client", "command", "-r", lease.sanlockResource(), "-c"));
            argv.addAll(command);
            try {
                Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Outcome(false, "sanlock client command timed out");
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                return new Outcome(p.exitValue() == 0, "exit " + p.exitValue() + (out.isEmpty() ? "" : ": " + out));
            } catch (IOException e) {
                return new Outcome(false, "cannot run sanlock: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, "interrupted");
            }
        };
    }
}
