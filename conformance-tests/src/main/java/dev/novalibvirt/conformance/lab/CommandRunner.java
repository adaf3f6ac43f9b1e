package dev.novalibvirt.conformance.lab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one runner of short commands for the lab's fixtures ({@code ContractLab.run}, {@link LabFaults}): a command
 * without a shell, within a time limit, stderr merged into its output, stdin from /dev/null. The output goes to a
 * file, not a pipe, so that a large output cannot fill a pipe nobody reads and the limit holds even when a daemon the
 * command started keeps its output open. It lives here, in the package every fixture package already depends on and
 * that depends on none of them, so that sharing it makes no package cycle.
 */
public final class CommandRunner {
    private CommandRunner() {
    }

    /**
     * How a command ended.
     *
     * @param exitCode its exit code, or {@link #NOT_ENDED} when it did not end within its limit, could not be
     *                 started or the wait was interrupted
     * @param output   what it wrote (stdout and stderr); when it did not end, why
     */
    public record Result(int exitCode, String output) {
        /** No process exit code is negative. */
        public static final int NOT_ENDED = -1;

        public boolean ended() {
            return exitCode != NOT_ENDED;
        }
    }

    /** Runs {@code argv} within {@code limit}; never throws for the command's sake (see {@link Result}). */
    public static Result run(Duration limit, List<String> argv) {
        String command = String.join(" ", argv);
        Path out = null;
        try {
            out = Files.createTempFile("lab-run", ".out");
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                long ms = limit.toMillis();
                return new Result(Result.NOT_ENDED, "timed out: " + command + " did not end within "
                        + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms"));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(Result.NOT_ENDED, command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Result.NOT_ENDED, "interrupted: " + command);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a temp file left behind
                }
            }
        }
    }

    /**
     * Runs {@code argv} within {@code limit} and returns its output.
     *
     * @throws IllegalStateException naming the command, with its exit code and output, unless it exited 0
     */
    public static String check(Duration limit, List<String> argv) {
        Result r = run(limit, argv);
        if (!r.ended()) {
            throw new IllegalStateException(r.output());
        }
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed (" + r.exitCode() + "):\n" + r.output());
        }
        return r.output();
    }
}
