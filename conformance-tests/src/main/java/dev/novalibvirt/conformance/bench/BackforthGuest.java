package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.agent.VirshLook;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.conformance.monitor.BusyGuestLab;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.Os;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.migration.task.LiveMigrationHandle;
import dev.novalibvirt.migration.task.LiveMigrationListener;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.Step;
import dev.novalibvirt.migration.task.journal.FileMigrationJournal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * One guest of {@link BackforthBench}: spawned through the contract on its first host, then migrated back and forth
 * between host-a and host-b through {@link LiveMigrationTask} with a {@link FileMigrationJournal} of its own. After
 * every hop it is checked without the library: {@code virsh domstate} on both hosts (running on the destination, no
 * domain on the source), no instance dir on the source, the RBD image id of its root disk unchanged, and the guest
 * alive on the destination (the boot sector's dots in console.log; for the busy guest a newer heartbeat and disk
 * counter, and no gap or step back in either over the whole run, {@link GuestLog}). The first failed hop is recorded
 * with what virsh says on both hosts, and the guest is removed from both; the bench goes on with the others.
 */
final class BackforthGuest {
    /** The boot-sector guest (64 MiB, prints dots) or the busy Linux guest in disk-I/O mode. */
    enum Kind { BOOT_SECTOR, BUSY }

    /** How long one hop may take before it is aborted (a hop takes seconds). */
    static final Duration HOP_LIMIT = Duration.ofMinutes(5);
    /** How long the guest has to show that it lives on the destination. */
    private static final Duration ALIVE_WITHIN = Duration.ofSeconds(30);
    /** The busy guest's first heartbeat and disk write after its boot under TCG. */
    private static final Duration BOOT_WITHIN = Duration.ofSeconds(120);

    /**
     * The first failed hop of a guest.
     *
     * @param hop        the guest's hop number (0: its spawn)
     * @param direction  e.g. {@code a->b}
     * @param what       the outcome or the check that failed
     * @param virsh      what virsh and the filesystem said on both hosts right after
     */
    record Failure(int hop, String direction, String what, String virsh) {
    }

    private final String label;
    private final Kind kind;
    private final ContractLab lab;
    private final Instance instance;
    private final LibvirtDriver a;
    private final LibvirtDriver b;
    private final FileMigrationJournal journal;
    private final Samples hopTimes = new Samples();
    private final GuestLog log = new GuestLog();
    private final String startLetter;
    private boolean onA;
    private ConsoleTail tail;
    private String tailError;
    private int problemsReported;
    private String imageId;
    private int hopsOk;
    private int hopsTried;
    private Failure failure;

    BackforthGuest(String label, Kind kind, ContractLab lab, Instance instance, LibvirtDriver a, LibvirtDriver b,
                   boolean startOnA, Path journalDir) {
        this.label = label;
        this.kind = kind;
        this.lab = lab;
        this.instance = instance;
        this.a = a;
        this.b = b;
        this.onA = startOnA;
        this.startLetter = startOnA ? "a" : "b";
        this.journal = new FileMigrationJournal(journalDir.resolve(label + "-" + instance.uuid() + ".journal"));
    }

    /**
     * Spawns the guest on its first host and waits until it lives; a failure is recorded as hop 0.
     *
     * @param busyLab the busy guest's kit, for {@link Kind#BUSY}
     */
    void spawn(BusyGuestLab busyLab) {
        LibvirtDriver host = current();
        try {
            if (kind == Kind.BOOT_SECTOR) {
                host.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
                if (!GuestProbe.serialGrows(host, instance, Duration.ofSeconds(60))) {
                    throw new IllegalStateException("no serial output on " + host.host() + " within 60 s");
                }
            } else {
                host.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), false);
                bootBusyKernel(host, busyLab);
                synchronized (this) {
                    tail = new ConsoleTail(host.instanceDirs().consoleLog(instance.uuid()));
                }
                if (!await(BOOT_WITHIN, () -> log.lastHeartbeat() >= 1 && log.lastIoOk() >= 1)) {
                    throw new IllegalStateException("no heartbeat and disk write on " + host.host() + " within "
                            + BOOT_WITHIN.toSeconds() + " s (heartbeat " + log.lastHeartbeat() + ", disk counter "
                            + log.lastIoOk() + ")");
                }
            }
            imageId = VirshLook.rootDiskId(lab, instance);
            if (imageId == null) {
                throw new IllegalStateException("rbd info finds no root disk of " + instance.uuid());
            }
            System.out.printf("%s: %s spawned on %s (RBD image id %s)%n", label, instance.name(), host.host(),
                    imageId);
        } catch (RuntimeException e) {
            fail(0, "spawn on " + host.host(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The contract's own definition (its RBD disk, console.log in the instance dir, VNC, everything the driver
     * wrote) with the busy guest's kernel, initramfs and command line ({@code busy-guest.sh xml}, disk-I/O mode)
     * added to {@code <os>}: the driver spawns image guests only, and this keeps the guest the driver's in every
     * other respect. The kernel and initramfs are in {@code $LAB_STATE/guest}, which every lab host sees.
     */
    private void bootBusyKernel(LibvirtDriver host, BusyGuestLab busyLab) {
        Os kit = DomainXml.parse(busyLab.xml(instance.name(), "mem_mb=" + instance.memoryMib(), "io=1")).getOs();
        Host libvirt = host.libvirtHost();
        Domain defined = DomainXml.parse(libvirt.guest(instance.name()).xml(Guest.XML_INACTIVE));
        defined.getOs().setKernel(kit.getKernel()).setInitrd(kit.getInitrd()).setCmdline(kit.getCmdline())
                .setBootDevices(List.of());
        libvirt.define(instance.name(), DomainXml.write(defined)).launch();
    }

    /** Up to {@code hops} hops, each followed by {@code afterHop} (with the guest's hop number); stops at a failure. */
    void run(int hops, IntConsumer afterHop) {
        for (int hop = 1; hop <= hops && failure == null; hop++) {
            String direction = letter(current()) + "->" + letter(other());
            try {
                hop(hop);
            } catch (RuntimeException e) {
                // a bug of the bench or a check that threw: recorded like a failed hop, so the cleanup still runs
                fail(hop, direction, "unexpected " + e);
            }
            afterHop.accept(hop);
        }
    }

    private void hop(int n) {
        LibvirtDriver from = current();
        LibvirtDriver to = other();
        String direction = letter(from) + "->" + letter(to);
        hopsTried++;
        long t0 = System.nanoTime();
        LiveMigrationResult result;
        try {
            LiveMigrationHandle handle = LiveMigrationTask.builder(from, to).journal(journal)
                    .listener(sourceTail()).build().start(instance, NetworkInfo.none(), BlockDeviceInfo.none());
            Optional<LiveMigrationResult> end = handle.await(HOP_LIMIT);
            if (end.isEmpty()) {
                abortQuietly(handle);
                end = handle.await(Duration.ofMinutes(2));
            }
            if (end.isEmpty()) {
                fail(n, direction, "no end within " + HOP_LIMIT.toMinutes() + " min, nor 2 min after an abort");
                return;
            }
            result = end.get();
        } catch (RuntimeException e) {
            fail(n, direction, "the task threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return;
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (!result.completed()) {
            fail(n, direction, describe(result));
            return;
        }
        hopTimes.add(ms);
        onA = !onA;
        List<String> problems = check(from, to);
        if (!problems.isEmpty()) {
            fail(n, direction, String.join("; ", problems));
            return;
        }
        hopsOk++;
        System.out.printf("%s hop %d %s: %.1f s, checked%n", label, n, direction, ms / 1000);
    }

    /** The independent checks after a completed hop; what is wrong, empty when nothing is. */
    private List<String> check(LibvirtDriver from, LibvirtDriver to) {
        List<String> problems = new ArrayList<>();
        try {
            VirshLook there = VirshLook.of(lab, letter(to), instance);
            VirshLook here = VirshLook.of(lab, letter(from), instance);
            if (!there.running()) {
                problems.add("not running on " + to.host() + " (" + describe(there) + ")");
            }
            if (!here.clean()) {
                problems.add("left on " + from.host() + " (" + describe(here) + ")");
            }
        } catch (RuntimeException e) {
            problems.add("virsh: " + e.getMessage());
        }
        String id = VirshLook.rootDiskId(lab, instance);
        if (!imageId.equals(id)) {
            problems.add("RBD image id " + id + ", was " + imageId);
        }
        if (kind == Kind.BOOT_SECTOR) {
            if (!GuestProbe.serialGrows(to, instance, Duration.ofSeconds(10))) {
                problems.add("no serial output on " + to.host() + " within 10 s");
            }
        } else {
            problems.addAll(busyAlive(to));
        }
        return problems;
    }

    /** The busy guest's heartbeat and disk counter go on on {@code to}, and its whole stream is continuous. */
    private List<String> busyAlive(LibvirtDriver to) {
        List<String> problems = new ArrayList<>();
        long hb0;
        long io0;
        synchronized (this) {
            if (tailError != null) {
                problems.add(tailError);
                tailError = null;
            }
            hb0 = log.lastHeartbeat();
            io0 = log.lastIoOk();
            tail = new ConsoleTail(to.instanceDirs().consoleLog(instance.uuid()));
        }
        if (!await(ALIVE_WITHIN, () -> log.lastHeartbeat() > hb0 && log.lastIoOk() > io0)) {
            problems.add("on " + to.host() + " within " + ALIVE_WITHIN.toSeconds() + " s: heartbeat " + hb0 + " -> "
                    + log.lastHeartbeat() + ", disk counter " + io0 + " -> " + log.lastIoOk());
        }
        synchronized (this) {
            if (log.problemCount() > problemsReported) {
                List<String> all = log.problems();
                problems.add("serial: " + String.join(", ",
                        all.subList(Math.min(problemsReported, all.size()), all.size())));
                problemsReported = log.problemCount();
            }
        }
        return problems;
    }

    /**
     * Reads the rest of the source's console.log as the post steps start: the job has ended, so the guest will
     * write nothing more there, and the source's dir (with the file) goes in {@code cleanup}.
     */
    private LiveMigrationListener sourceTail() {
        return new LiveMigrationListener() {
            @Override
            public void stepStarted(Step step, String host) {
                if (step == Step.POST_LIVE_MIGRATION && kind == Kind.BUSY) {
                    feed();
                }
            }
        };
    }

    /** Feeds what the current console.log gained into the guest's log; never throws (it runs in the listener). */
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

    /** Until {@code done} holds (feeding the busy guest's log meanwhile) or {@code within} has passed. */
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

    private static void abortQuietly(LiveMigrationHandle handle) {
        try {
            handle.abort();
        } catch (RuntimeException e) {
            System.out.println("abort after the hop limit: " + e.getMessage());
        }
    }

    /** Records the failure with the truth on both hosts, then removes the guest from both (best effort). */
    private void fail(int hop, String direction, String what) {
        String virsh = List.of("a", "b").stream().map(letter -> {
            try {
                return describe(VirshLook.of(lab, letter, instance));
            } catch (RuntimeException e) {
                return "host-" + letter + ": virsh failed: " + e.getMessage();
            }
        }).collect(Collectors.joining("; "));
        failure = new Failure(hop, direction, what, virsh);
        System.out.printf("%s hop %d %s FAILED: %s [%s]%n", label, hop, direction, what, virsh);
        GuestProbe.purge(instance, a, b);
    }

    private static String describe(VirshLook look) {
        return "host-" + look.host() + ": " + look.state().orElse("no domain") + ", "
                + (look.dir() ? "instance dir" : "no instance dir");
    }

    private static String describe(LiveMigrationResult r) {
        String failed = r.steps().stream().filter(s -> s.error() != null)
                .map(s -> s.step() + " on " + s.host() + ": " + s.error()).collect(Collectors.joining(", "));
        return "outcome " + r.outcome() + ", status " + r.status() + (failed.isEmpty() ? "" : ", failed steps: "
                + failed);
    }

    private LibvirtDriver current() {
        return onA ? a : b;
    }

    private LibvirtDriver other() {
        return onA ? b : a;
    }

    private String letter(LibvirtDriver host) {
        return host == a ? "a" : "b";
    }

    String label() {
        return label;
    }

    Kind kind() {
        return kind;
    }

    Instance instance() {
        return instance;
    }

    String startLetter() {
        return startLetter;
    }

    FileMigrationJournal journal() {
        return journal;
    }

    Samples hopTimes() {
        return hopTimes;
    }

    int hopsOk() {
        return hopsOk;
    }

    int hopsTried() {
        return hopsTried;
    }

    Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /** How many continuity problems the busy guest's serial stream showed over the run (0 for the boot sector). */
    synchronized int serialProblems() {
        return log.problemCount();
    }
}
