package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.controller.ControllerProcess;
import dev.novalibvirt.conformance.lab.LabFaults;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.migration.task.LiveMigrationHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One cell's fault: scheduled when {@code live_migration} starts, done on the bench's timer thread, and undone after
 * the migration ended ({@link #bringBack}: the link back once its cut has lasted its full length, both libvirtds
 * running) and after the cell ({@link #afterCell}: the monitor home). What it did is {@link #what()}.
 */
final class FaultInjection {
    /** A new monitor address on the lab bridge for {@link FaultClass#MON_MOVE}. */
    static final String MOVED_MONITOR_IP = "198.18.0.2";
    /** How long a killed source libvirtd stays dead before it is started again (a supervisor's restart). */
    static final Duration SOURCE_LIBVIRTD_DOWN = Duration.ofSeconds(5);
    /** An OSD restart or a monitor move takes seconds to a few minutes; nothing is undone before it ended. */
    private static final Duration INJECTION_LIMIT = Duration.ofMinutes(6);

    private final FaultClass fault;
    private final LabFaults lab;
    private final Instance instance;
    private final ScheduledExecutorService timer;
    private final CompletableFuture<LiveMigrationHandle> handle = new CompletableFuture<>();
    private final CompletableFuture<String> done = new CompletableFuture<>();
    private volatile boolean scheduled;
    private volatile long linkUpAtNanos;
    private boolean linkDown;
    private volatile boolean monitorMoved;
    private volatile ControllerProcess controller;

    FaultInjection(FaultClass fault, LabFaults lab, Instance instance, ScheduledExecutorService timer) {
        this.fault = fault;
        this.lab = lab;
        this.instance = instance;
        this.timer = timer;
    }

    /** The migration's handle, for the race classes (they may fire before the caller has it). */
    void handle(LiveMigrationHandle h) {
        handle.complete(h);
    }

    /** The controller JVM {@link FaultClass#CONTROLLER_KILL} kills; given before it is started. */
    void controller(ControllerProcess c) {
        controller = c;
    }

    /** Hits {@code offsetMs} from now; called once, when {@code live_migration} starts. */
    void schedule(long offsetMs) {
        if (scheduled) {
            return;
        }
        scheduled = true;
        timer.schedule(this::hit, offsetMs, TimeUnit.MILLISECONDS);
    }

    private void hit() {
        try {
            done.complete(apply());
        } catch (RuntimeException e) {
            done.complete("not injected: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
        }
    }

    private String apply() {
        return switch (fault) {
            case DEST_LIBVIRTD_KILL -> {
                lab.killLibvirtd("b");
                yield "libvirtd of b killed";
            }
            case DEST_LIBVIRTD_RESTART -> {
                lab.restartLibvirtd("b");
                yield "libvirtd of b restarted";
            }
            case SOURCE_LIBVIRTD_KILL -> {
                lab.killLibvirtd("a");
                sleep(SOURCE_LIBVIRTD_DOWN);
                lab.restartLibvirtd("a");
                yield "libvirtd of a killed, started " + SOURCE_LIBVIRTD_DOWN.toSeconds() + " s later";
            }
            case SOURCE_LIBVIRTD_RESTART -> {
                lab.restartLibvirtd("a");
                yield "libvirtd of a restarted";
            }
            case DEST_LINK_CUT, DEST_LINK_CUT_150 -> {
                cutLink();
                yield "link of b cut for " + fault.linkCut().toSeconds() + " s";
            }
            case DEST_QEMU_KILL -> lab.killQemu("b", instance.name()) ? "qemu on b killed" : "no qemu on b";
            case SOURCE_QEMU_KILL -> lab.killQemu("a", instance.name()) ? "qemu on a killed" : "no qemu on a";
            case OSD_RESTART -> {
                lab.restartOsds();
                yield "osds restarted";
            }
            case MON_MOVE -> {
                monitorMoved = true;
                lab.moveMonitor(MOVED_MONITOR_IP);
                yield "monitor moved to " + MOVED_MONITOR_IP;
            }
            case ABORT_RACE -> request("abort", () -> awaitHandle().abort());
            case FORCE_COMPLETE_RACE -> request("force-complete", () -> awaitHandle().forceComplete());
            case CONTROLLER_KILL -> KilledController.kill(controller);
        };
    }

    /** An embedder's request: accepted, or refused with the library's typed exception (it says why). */
    private static String request(String what, Runnable call) {
        try {
            call.run();
            return what + " accepted";
        } catch (RuntimeException e) {
            return what + " refused: " + e.getClass().getSimpleName();
        }
    }

    private LiveMigrationHandle awaitHandle() {
        try {
            return handle.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the migration's handle", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no migration handle within 30 s", e);
        }
    }

    private synchronized void cutLink() {
        lab.link("b", false);
        linkDown = true;
        linkUpAtNanos = System.nanoTime() + fault.linkCut().toNanos();
        timer.schedule(this::restoreLink, fault.linkCut().toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void restoreLink() {
        if (linkDown) {
            lab.link("b", true);
            linkDown = false;
        }
    }

    /** What the fault did ("not injected: ..." when it could not be done), once it has been done. */
    String what() {
        return done.getNow("not injected yet");
    }

    /**
     * After the migration's end, before recovery: waits for the fault to have been done (an OSD restart takes
     * seconds), lets a cut link stay cut for its full length, then brings the link back and makes sure both
     * libvirtds run (a running one is restarted: its guests stay).
     */
    void bringBack() throws InterruptedException {
        if (!scheduled) {
            done.complete("not injected: the migration never reached live_migration");
        }
        try {
            done.get(INJECTION_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.out.println("fault " + fault.label() + " did not end within " + INJECTION_LIMIT.toMinutes()
                    + " min");
        }
        long wait = linkUpAtNanos - System.nanoTime();
        if (linkUpAtNanos != 0 && wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        restoreLink();
        lab.restartLibvirtd("a");
        lab.restartLibvirtd("b");
    }

    /** After the cell, whatever happened: the link up and the monitor home again. */
    void afterCell() {
        try {
            restoreLink();
        } catch (RuntimeException e) {
            System.out.println("could not bring the link of b back: " + firstLine(e.getMessage()));
        }
        if (monitorMoved) {
            lab.moveMonitorBack();
            monitorMoved = false;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
