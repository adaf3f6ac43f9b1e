package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.controller.ControllerArgs;
import dev.novalibvirt.conformance.controller.ControllerLine.Mark;
import dev.novalibvirt.conformance.controller.ControllerProcess;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The migration of a {@link FaultClass#CONTROLLER_KILL} cell: it runs in a child JVM (a {@code CrashingController}
 * with the cells' guest and the lab drivers' unlimited bandwidth), the {@link FaultInjection} kills that JVM -9 at
 * the offset after the child's {@code live_migration} began (timed from the child's own stamp), and the cell then
 * waits until libvirt ended the peer-to-peer job without its caller, before recovery runs in this JVM as a restarted
 * controller's would.
 */
final class KilledController {
    /** JVM start, the lab's drivers, the pre-checks and pre_live_migration: seconds; more is a broken child. */
    private static final Duration REACH_LIMIT = Duration.ofMinutes(2);
    /** After the offset, the kill and the JVM's exit take well under this. */
    private static final Duration KILL_LIMIT = Duration.ofSeconds(60);
    /** No job on either host for this long: a migrate call in flight at the kill has had time to start one. */
    private static final Duration JOB_QUIET = Duration.ofSeconds(5);
    /** The migration limit of the other cells. */
    private static final Duration JOB_LIMIT = Duration.ofMinutes(5);

    /**
     * What the killed controller's migration came to.
     *
     * @param summary        for the cell's outcome column
     * @param controllerSaid the outcome the child printed when its task ended before the kill, else null
     */
    record Run(String summary, LiveMigrationOutcome controllerSaid) {
    }

    private final ContractLab lab;

    KilledController(ContractLab lab) {
        this.lab = lab;
    }

    /** Migrates {@code instance} (running on host-a) to host-b in a child JVM that {@code injection} kills. */
    Run migrate(Instance instance, Path journal, FaultInjection injection, long offsetMs)
            throws InterruptedException {
        ControllerProcess child = new ControllerProcess(new ControllerArgs(journal, instance, 0), seen -> {
            if (seen.line().mark() == Mark.LIVE_MIGRATION) {
                injection.schedule(delayMs(offsetMs, seen.atNanos(), System.nanoTime()));
            }
        });
        injection.controller(child);
        try {
            child.start();
            if (child.await(Mark.LIVE_MIGRATION, REACH_LIMIT).isEmpty()) {
                System.out.println("the controller did not reach live_migration; its last lines:\n" + child.tail());
                return new Run("controller never reached live_migration", said(child));
            }
            if (!child.process().waitFor(offsetMs + KILL_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Run("controller not killed", said(child));
            }
            Duration jobSeen = LibvirtJobs.awaitQuiet(lab, instance, JOB_QUIET, JOB_LIMIT);
            return new Run(jobSeen.isZero() ? "no libvirt job after the kill" : String.format(Locale.ROOT,
                    "libvirt's job ended %.1f s after the kill", jobSeen.toMillis() / 1000.0), said(child));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the controller JVM", e);
        } finally {
            child.close();
        }
    }

    private static LiveMigrationOutcome said(ControllerProcess child) {
        return child.seen(Mark.OUTCOME).flatMap(s -> s.line().outcome()).orElse(null);
    }

    /** The fault itself, on the bench's timer: kill -9, then what it hit (its output read to the end first). */
    static String kill(ControllerProcess child) {
        try {
            long at = System.nanoTime();
            int exit = child.kill();
            child.awaitEnd(Duration.ofSeconds(10));
            return describe(exit, at, child.seen(Mark.LIVE_MIGRATION).map(ControllerProcess.Seen::atNanos)
                    .orElse(null), child.seen(Mark.JOB_RUNNING).map(ControllerProcess.Seen::atNanos).orElse(null),
                    child.seen(Mark.OUTCOME).map(s -> s.line().field("kind").orElse("?") + "@"
                            + s.line().field("host").orElse("?")).orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing the controller", e);
        }
    }

    /** How long to wait from {@code nowNanos} so that the kill lands {@code offsetMs} after {@code markNanos}. */
    static long delayMs(long offsetMs, long markNanos, long nowNanos) {
        return Math.max(0, offsetMs - TimeUnit.NANOSECONDS.toMillis(nowNanos - markNanos));
    }

    /**
     * What the kill hit: when, from the start of {@code live_migration} and of libvirt's job as the child's monitor
     * saw it (nulls: not seen), and the task's outcome when it had ended already.
     */
    static String describe(int exit, long killNanos, Long liveMigrationNanos, Long jobNanos, String ended) {
        StringBuilder sb = new StringBuilder("controller killed -9");
        if (exit != 137) {
            sb.append(" (exit ").append(exit).append(')');
        }
        if (liveMigrationNanos != null) {
            sb.append(' ').append(ms(killNanos - liveMigrationNanos)).append(" ms into live_migration");
        }
        sb.append(jobNanos == null ? ", libvirt's job not seen" : ", " + ms(killNanos - jobNanos) + " ms into the job");
        if (ended != null) {
            sb.append(", after its task ended ").append(ended);
        }
        return sb.toString();
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
