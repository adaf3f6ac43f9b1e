package dev.novalibvirt.conformance.guest;

import dev.novalibvirt.conformance.monitor.BusyGuestLab;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.Os;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.migration.task.LiveMigrationListener;
import dev.novalibvirt.migration.task.Step;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The lab's busy Linux guest in disk-I/O mode as its console shows it (the backforth bench's second guest, the
 * demo's guest): booted from the busy-guest kit inside the contract's own definition, then its console.log followed
 * from host to host into one {@code GuestLog}. The source's file is read to its end as the post steps start
 * ({@link #sourceTail()}): the job has ended, so the guest writes nothing more there, and the file goes with the
 * source's instance dir in {@code cleanup}. Thread-safe: the task's thread feeds it through the listener, the
 * guest's thread through the checks.
 */
public final class BusyConsole {
    /** The first heartbeat and disk write after a boot under TCG. */
    private static final Duration BOOT_WITHIN = Duration.ofSeconds(120);

    private final GuestLog log = new GuestLog();
    private ConsoleTail tail;
    private String tailError;
    private int problemsReported;

    /**
     * Spawns {@code instance} on {@code host} through the contract (its root disk a copy-on-write clone of
     * {@code image}, defined, not powered on), then {@link #boot}s it.
     *
     * @throws IllegalStateException when the guest shows no heartbeat and disk write within 120 s
     */
    public void spawn(LibvirtDriver host, Instance instance, ImageMeta image, BusyGuestLab kit) {
        // defined, not started: the busy guest's kernel goes into the definition first
        host.spawn(instance, image, NetworkInfo.none(), BlockDeviceInfo.none(), false);
        boot(host, instance, kit);
    }

    /**
     * Starts the guest {@code host} has defined (spawned, not powered on) with the busy guest's kernel, initramfs and
     * command line ({@code busy-guest.sh xml}, disk-I/O mode) added to the contract's {@code <os>}: the driver spawns
     * image guests only, and this keeps the guest the driver's in every other respect (its RBD disk, console.log in
     * the instance dir, VNC). The kernel and initramfs are in {@code $LAB_STATE/guest}, which every lab host sees.
     * The guest's memory stays idle ({@code dirty_mb=0}); it writes its counter to the disk and reads it back once a
     * second. Then waits for the first heartbeat and disk write on {@code host}.
     *
     * @throws IllegalStateException when the guest shows neither within 120 s
     */
    public void boot(LibvirtDriver host, Instance instance, BusyGuestLab kit) {
        Os os = DomainXml.parse(kit.xml(instance.name(), "mem_mb=" + instance.memoryMib(), "dirty_mb=0", "io=1",
                "io_ms=1000")).getOs();
        Host libvirt = host.libvirtHost();
        Domain defined = DomainXml.parse(libvirt.guest(instance.name()).xml(Guest.XML_INACTIVE));
        defined.getOs().setKernel(os.getKernel()).setInitrd(os.getInitrd()).setCmdline(os.getCmdline())
                .setBootDevices(List.of());
        follow(host.instanceDirs().consoleLog(instance.uuid()));
        libvirt.define(instance.name(), DomainXml.write(defined)).launch();
        if (!await(BOOT_WITHIN, () -> log.lastHeartbeat() >= 1 && log.lastIoOk() >= 1)) {
            throw new IllegalStateException("no heartbeat and disk write on " + host.host() + " within "
                    + BOOT_WITHIN.toSeconds() + " s (" + status() + ")");
        }
    }

    /**
     * After a completed hop to {@code destination}: a newer heartbeat and a newer disk counter there within
     * {@code within}, and no gap, step back or error in the stream since the last look.
     */
    public Continuity goesOn(Path destinationConsoleLog, String destination, Duration within) {
        List<String> problems = new ArrayList<>();
        GuestCounters handOver;
        synchronized (this) {
            if (tailError != null) {
                problems.add(tailError);
                tailError = null;
            }
            handOver = countersNow();
            follow(destinationConsoleLog);
        }
        if (!await(within, () -> countersNow().bothAfter(handOver))) {
            GuestCounters now = counters();
            problems.add("on " + destination + " within " + within.toSeconds() + " s: heartbeat "
                    + handOver.heartbeat() + " -> " + now.heartbeat() + ", disk counter " + handOver.diskCounter()
                    + " -> " + now.diskCounter());
        }
        GuestCounters after;
        synchronized (this) {
            after = countersNow();
            if (log.problemCount() > problemsReported) {
                List<String> kept = log.problems();
                problems.add("serial: " + String.join(", ",
                        kept.subList(Math.min(problemsReported, kept.size()), kept.size())));
                problemsReported = log.problemCount();
            }
        }
        return new Continuity(handOver, after, problems);
    }

    /** The counters as the followed console.log shows them now (what it gained is read first). */
    public GuestCounters counters() {
        feed();
        synchronized (this) {
            return countersNow();
        }
    }

    private synchronized GuestCounters countersNow() {
        return new GuestCounters(log.lastHeartbeat(), log.lastIoOk());
    }

    /** The listener that reads the source's console.log to its end as the post steps start. */
    public LiveMigrationListener sourceTail() {
        return new LiveMigrationListener() {
            @Override
            public void stepStarted(Step step, String host) {
                if (step == Step.POST_LIVE_MIGRATION) {
                    feed();
                }
            }
        };
    }

    /** How many continuity problems the stream showed over the run. */
    public synchronized int problemCount() {
        return log.problemCount();
    }

    public synchronized String status() {
        return "heartbeat " + log.lastHeartbeat() + ", disk counter " + log.lastIoOk();
    }

    private synchronized void follow(Path consoleLog) {
        tail = new ConsoleTail(consoleLog);
    }

    /** Feeds what the followed console.log gained; never throws (it runs in the task's listener too). */
    private synchronized void feed() {
        if (tail == null) {
            return;
        }
        try {
            log.feed(tail.readNew());
        } catch (IOException | RuntimeException e) {
            tailError = "console.log " + tail.file() + " unread: " + e;
        }
    }

    /** Until {@code done} holds (feeding meanwhile) or {@code within} has passed. */
    private boolean await(Duration within, BooleanSupplier done) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            feed();
            synchronized (this) {
                if (done.getAsBoolean()) {
                    return true;
                }
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
