package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.agent.VirshLook;
import dev.novalibvirt.conformance.guest.BusyConsole;
import dev.novalibvirt.conformance.guest.HopLook;
import dev.novalibvirt.conformance.guest.Retried;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.conformance.monitor.BusyGuestLab;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationHandle;
import dev.novalibvirt.migration.task.LiveMigrationListener;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.journal.FileMigrationJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * One guest of {@link BackforthBench}: spawned through the contract on its first host, then migrated back and forth
 * between host-a and host-b through {@link LiveMigrationTask} with a {@link FileMigrationJournal} of its own. After
 * every hop it is checked without the library: {@code virsh domstate} on both hosts (running on the destination, no
 * domain on the source), no instance dir on the source, the RBD image id of its root disk unchanged, and the guest
 * alive on the destination (the boot sector's dots in console.log; for the busy guest a newer heartbeat and disk
 * counter, and no gap or step back in either over the whole run, {@link BusyConsole}; {@link HopLook}). The first failed hop is recorded
 * with what virsh says on both hosts, and the guest is removed from both; the bench goes on with the others.
 */
final class BackforthGuest {
    /** The boot-sector guest (64 MiB, prints dots) or the busy Linux guest in disk-I/O mode. */
    enum Kind { BOOT_SECTOR, BUSY }

    /** How long one hop may take before the task aborts it (a hop takes seconds): the task's timeout. */
    static final Duration HOP_LIMIT = Duration.ofMinutes(5);
    /** How long an aborted hop may take to end. */
    private static final Duration AFTER_ABORT = Duration.ofMinutes(2);
    /** How long the guest has to show that it lives on the destination. */
    private static final Duration ALIVE_WITHIN = Duration.ofSeconds(30);

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
    /** The busy guest's console; null for the boot sector. */
    private final BusyConsole console;
    private final String startLetter;
    private boolean onA;
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
        this.console = kind == Kind.BUSY ? new BusyConsole() : null;
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
                console.spawn(host, instance, lab.baseImage(), busyLab);
            }
            imageId = Retried.lookOr(() -> Objects.requireNonNull(VirshLook.rootDiskId(lab, instance), "no rbd info"),
                    null);
            if (imageId == null) {
                throw new IllegalStateException("rbd info finds no root disk of " + instance.uuid());
            }
            System.out.printf("%s: %s spawned on %s (RBD image id %s)%n", label, instance.name(), host.host(),
                    imageId);
        } catch (RuntimeException e) {
            fail(0, "spawn on " + host.host(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
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
            // the task's own deadline aborts a hop that hangs; the wait here only backs it up
            LiveMigrationHandle handle = LiveMigrationTask.builder(from, to).journal(journal).timeout(HOP_LIMIT)
                    .listener(console == null ? LiveMigrationListener.none() : console.sourceTail()).build()
                    .start(instance, NetworkInfo.none(), BlockDeviceInfo.none());
            Optional<LiveMigrationResult> end = handle.await(HOP_LIMIT.plus(AFTER_ABORT));
            if (end.isEmpty()) {
                abortQuietly(handle);
                end = handle.await(AFTER_ABORT);
            }
            if (end.isEmpty()) {
                fail(n, direction, "no end within " + HOP_LIMIT.plus(AFTER_ABORT.multipliedBy(2)).toMinutes()
                        + " min, though the task's timeout and the bench aborted it");
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
            problems.addAll(HopLook.of(lab, instance, letter(from), letter(to)).problems(imageId));
        } catch (RuntimeException e) {
            problems.add("virsh: " + e.getMessage());
        }
        if (kind == Kind.BOOT_SECTOR) {
            if (!GuestProbe.serialGrows(to, instance, Duration.ofSeconds(10))) {
                problems.add("no serial output on " + to.host() + " within 10 s");
            }
        } else {
            problems.addAll(console.goesOn(to.instanceDirs().consoleLog(instance.uuid()), to.host(), ALIVE_WITHIN)
                    .problems());
        }
        return problems;
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
        return HopLook.describe(look);
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
    int serialProblems() {
        return console == null ? 0 : console.problemCount();
    }
}
