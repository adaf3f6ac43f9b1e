package dev.novalibvirt.conformance.controller;

import com.google.common.collect.EvictingQueue;
import dev.novalibvirt.conformance.controller.ControllerLine.Mark;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link CrashingController} JVM seen from the process that will kill it: started with {@link ControllerCommand}'s
 * command line, its output (logs and {@link ControllerLine}s, stderr merged) read on a daemon thread, the first line
 * of each mark kept with the moment it was read, the last lines kept for failure messages. Made first and started
 * after, so that whoever kills it holds it before its first line can arrive.
 */
public final class ControllerProcess implements AutoCloseable {
    private static final int TAIL_LINES = 40;

    /** A mark and the moment this JVM read it ({@code System.nanoTime()}). */
    public record Seen(ControllerLine line, long readNanos) {
        /** When the mark happened, on this JVM's clock ({@link ControllerLine#at}). */
        public long atNanos() {
            return line.at(readNanos);
        }
    }

    private final ControllerArgs args;
    private final Consumer<Seen> onLine;
    private final Map<Mark, Seen> seen = new EnumMap<>(Mark.class);
    private final EvictingQueue<String> tail = EvictingQueue.create(TAIL_LINES);
    private Process process;
    private boolean ended;

    /**
     * @param args   what the controller migrates
     * @param onLine called on the reader thread with the first line of each mark; must be quick (a timer's schedule)
     */
    public ControllerProcess(ControllerArgs args, Consumer<Seen> onLine) {
        this.args = Objects.requireNonNull(args, "args");
        this.onLine = Objects.requireNonNull(onLine, "onLine");
    }

    /** A controller nobody listens to line by line (they {@link #await} its marks). */
    public ControllerProcess(ControllerArgs args) {
        this(args, line -> { });
    }

    /** Starts the controller JVM; it begins its migration as soon as it has connected to the lab. */
    public synchronized ControllerProcess start() throws IOException {
        if (process != null) {
            throw new IllegalStateException("the controller was started already");
        }
        process = new ProcessBuilder(ControllerCommand.argv(System.getProperties(), CrashingController.class.getName(),
                args.argv())).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                        new File("/dev/null"))).start();
        Thread reader = new Thread(this::read, "controller-output");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                long now = System.nanoTime();
                Optional<ControllerLine> parsed = ControllerLine.parse(line);
                Seen first = null;
                synchronized (this) {
                    tail.add(line);
                    if (parsed.isPresent() && !seen.containsKey(parsed.get().mark())) {
                        first = new Seen(parsed.get(), now);
                        seen.put(first.line().mark(), first);
                    }
                    notifyAll();
                }
                if (first != null) {
                    tell(first);
                }
            }
        } catch (IOException e) {
            // the process was killed: its output ends here
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** A failing listener must not stop the reading: the child would block on a full pipe. */
    private void tell(Seen first) {
        try {
            onLine.accept(first);
        } catch (RuntimeException e) {
            synchronized (this) {
                tail.add("(listener of " + first.line().mark() + " failed: " + e + ")");
            }
        }
    }

    /** The JVM ({@code exitValue()} 137 after a kill -9). */
    public synchronized Process process() {
        if (process == null) {
            throw new IllegalStateException("the controller was not started");
        }
        return process;
    }

    /** The first line of {@code mark}, if it came. */
    public synchronized Optional<Seen> seen(Mark mark) {
        return Optional.ofNullable(seen.get(mark));
    }

    /**
     * Waits up to {@code within} for {@code mark}; empty when the time ran out, the output ended or the task ended
     * (OUTCOME: no other mark comes after it) first.
     */
    public synchronized Optional<Seen> await(Mark mark, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!seen.containsKey(mark) && !seen.containsKey(Mark.OUTCOME) && !ended) {
            if (!waitUntil(deadline)) {
                break;
            }
        }
        return Optional.ofNullable(seen.get(mark));
    }

    /** Waits up to {@code within} for the end of its output (it exited and every line was read). */
    public synchronized boolean awaitEnd(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!ended) {
            if (!waitUntil(deadline)) {
                break;
            }
        }
        return ended;
    }

    /** One wait on this monitor; false when the deadline has passed. */
    private boolean waitUntil(long deadlineNanos) throws InterruptedException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (left <= 0) {
            return false;
        }
        wait(left);
        return true;
    }

    /** kill -9 and waits (up to 30 s) for the JVM to be gone; its exit code, or -1 when it is still there. */
    public int kill() throws InterruptedException {
        Process p = process();
        p.destroyForcibly();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    /** The controller's last output lines, for a failure message. */
    public synchronized String tail() {
        return String.join("\n", tail);
    }

    /** Makes sure the JVM does not outlive its user (kill -9; an interrupt is kept for the caller). */
    @Override
    public void close() {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
