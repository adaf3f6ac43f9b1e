package dev.novalibvirt.conformance.demo;

import dev.novalibvirt.cli.progress.Units;
import dev.novalibvirt.conformance.agent.VirshLook;
import dev.novalibvirt.conformance.guest.BusyConsole;
import dev.novalibvirt.conformance.guest.GuestCounters;
import dev.novalibvirt.conformance.guest.HopLook;
import dev.novalibvirt.conformance.guest.Retried;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.conformance.monitor.BusyGuestLab;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.rbd.RbdImageBackend;
import dev.novalibvirt.rbdlibvirt.RbdLibvirtDriver;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code ./lab demo [HOPS] [MEM_MIB]}: the main job end to end through the library, with the lab's busy Linux guest
 * (idle memory, a heartbeat every second, a counter written to its RBD disk and read back every second). Spawns it
 * on host-a through the contract (its root disk a copy-on-write clone of the lab's base image), then live-migrates
 * it a->b->a->b->a with {@link dev.novalibvirt.migration.task.LiveMigrationTask}. Each hop prints its contract steps,
 * a progress bar during {@code live_migration}, libvirt's downtime of the job, and then, checked without the
 * library, the heartbeat and the disk counter going on across the hop with no gap, the guest running on the
 * destination only, nothing left on the source and the RBD image id unchanged ({@code HopRunner}). A table of the
 * hops ends it; the guest is removed from both hosts and the pool, and that is checked. The boot-sector guest stays
 * the fast tests' guest.
 *
 * <p>{@link #run} is the whole demo, printing to the stream given and returning what it did ({@code DemoIT} runs it
 * against the lab); {@link #main} only parses the arguments and turns the result into an exit code.
 */
public final class Demo {
    private final LabEnv env;
    private final DemoSettings settings;
    private final PrintWriter out;

    public Demo(LabEnv env, DemoSettings settings, PrintStream out) {
        this.env = env;
        this.settings = settings;
        this.out = new PrintWriter(out, true);
    }

    public static void main(String[] args) {
        // The printed steps are the output; the library's INFO lines would only interleave with them.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        DemoSettings settings;
        try {
            settings = DemoSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("usage: ./lab demo [HOPS] [MEM_MIB]: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            LabEnv env = LabEnv.load();
            Instance guest = ContractLab.of(env).newInstance("demo", settings.memoryMib());
            DemoResult result = new Demo(env, settings, System.out).run(guest, hop -> { });
            System.exit(result.ok() ? 0 : 1);
        } catch (RuntimeException e) {
            // the lab or the spawn failed (the guest is removed already): say so, and end the JVM's threads too
            System.out.println("demo FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * The demo with {@code instance} as its guest (its memory the guest's); {@code afterHop} hears each hop once it
     * was checked, before the next starts. Stops after the first hop that is not OK; cleans up whatever happened.
     *
     * @throws RuntimeException when the lab or the spawn fails (after the cleanup)
     */
    public DemoResult run(Instance instance, Consumer<HopRecord> afterHop) {
        long t0 = System.nanoTime();
        ContractLab lab = ContractLab.of(env);
        // builds the kit unless it is cached ($LAB_STATE/guest): ./lab demo built it beside ./lab up
        BusyGuestLab kit = BusyGuestLab.open(env);
        HopEvents events = new HopEvents();
        List<HopRecord> hops = new ArrayList<>();
        String imageId = null;
        RbdLibvirtDriver a = host(lab, "a", events);
        RbdLibvirtDriver b = null;
        // the run's failure is the one thrown; the cleanup's, if any, are suppressed on it
        FirstFailure failure = new FirstFailure();
        try {
            b = host(lab, "b", events);
            header(lab, instance);
            BusyConsole console = new BusyConsole();
            imageId = spawn(lab, a.driver(), instance, console, kit);
            HopRunner runner = new HopRunner(lab, instance, console, events, settings, out, imageId);
            DemoHost from = new DemoHost("a", a.driver());
            DemoHost to = new DemoHost("b", b.driver());
            for (int n = 1; n <= settings.hops(); n++) {
                HopRecord hop = runner.run(n, from, to);
                hops.add(hop);
                afterHop.accept(hop);
                if (!hop.ok()) {
                    break;
                }
                DemoHost t = from;
                from = to;
                to = t;
            }
            say("");
            StepLines.print(out, HopSummary.table(hops).lines().toList());
            say(HopSummary.totals(hops, settings.hops()));
        } catch (RuntimeException | Error e) {
            failure.failed(e);
        }
        RbdLibvirtDriver hostB = b;
        List<String> leftovers = failure.call(() -> cleanUp(lab, instance,
                hostB == null ? List.of(a.driver()) : List.of(a.driver(), hostB.driver())));
        if (hostB != null) {
            failure.run(hostB::close);
        }
        failure.run(a::close);
        failure.rethrow();
        DemoResult result = new DemoResult(instance, imageId, settings.hops(), hops, leftovers,
                Duration.ofNanos(System.nanoTime() - t0));
        footer(result);
        return result;
    }

    /** Lab host {@code letter} as an RBD embedder builds it; its migration monitor reports to {@code events}. */
    private static RbdLibvirtDriver host(ContractLab lab, String letter, HopEvents events) {
        return lab.host(letter, lab.instancesPath(letter), null, lab.cephxKeys(), false, lab.migrationTls(letter),
                d -> d.migrationListener(events));
    }

    private void header(ContractLab lab, Instance instance) {
        say("lab: ceph %s, host-a %s, host-b %s, guests under %s", lab.get("CEPH_FSID"), lab.hostValue("a", "URI"),
                lab.hostValue("b", "URI"), ContractLab.virtType());
        say("guest: the lab's busy Linux guest (Debian's cloud kernel, a busybox initramfs), %d MiB, memory idle,",
                instance.memoryMib());
        say("  its heartbeat (hb) every second, and a counter (io) it writes to its RBD disk and reads back every "
                + "second");
    }

    /** Spawns and boots the guest on host-a; its root disk's RBD image id. */
    private String spawn(ContractLab lab, LibvirtDriver a, Instance instance, BusyConsole console, BusyGuestLab kit) {
        String disk = RbdImageBackend.rbdName(InstanceDisk.root(instance.uuid()));
        long t0 = System.nanoTime();
        // defined, not started: the busy guest's kernel goes into the definition first (BusyConsole#spawn's steps,
        // with rbd info asked while the guest boots)
        a.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), false);
        CompletableFuture<String> imageId = CompletableFuture.supplyAsync(() -> Retried.lookOr(
                () -> Objects.requireNonNull(VirshLook.rootDiskId(lab, instance), "no rbd info"), null));
        say("spawn %s on %s through the contract: %s/%s, a clone of %s/%s@%s", instance.name(), a.host(),
                lab.get("POOL_VMS"), disk, lab.get("POOL_IMAGES"), lab.get("BASE_IMAGE_ID"),
                lab.get("BASE_IMAGE_SNAP"));
        console.boot(a, instance, kit);
        GuestCounters first = console.counters();
        String id = imageId.join();
        if (id == null) {
            throw new IllegalStateException("rbd info finds no root disk " + lab.get("POOL_VMS") + "/" + disk + " of "
                    + instance.name());
        }
        say("  RBD image id %s; spawned and booted in %s: hb=%d, io=%d OK", id,
                Units.duration(Duration.ofNanos(System.nanoTime() - t0)), first.heartbeat(), first.diskCounter());
        return id;
    }

    /** Removes the guest from both hosts and the pool, then looks (virsh, the instance dirs, rbd); what is left. */
    private List<String> cleanUp(ContractLab lab, Instance instance, List<LibvirtDriver> hosts) {
        GuestProbe.purge(instance, hosts.toArray(LibvirtDriver[]::new));
        List<String> left = new ArrayList<>();
        for (String letter : List.of("a", "b")) {
            try {
                VirshLook look = Retried.look(() -> VirshLook.of(lab, letter, instance));
                if (!look.clean()) {
                    left.add(HopLook.describe(look));
                }
            } catch (RuntimeException e) {
                left.add("host-" + letter + ": virsh failed: " + e.getMessage());
            }
        }
        String disk = lab.get("POOL_VMS") + "/" + RbdImageBackend.rbdName(InstanceDisk.root(instance.uuid()));
        if (VirshLook.rootDiskId(lab, instance) != null) {
            left.add("RBD image " + disk);
        }
        say(left.isEmpty() ? "cleaned up: no domain and no instance dir on host-a or host-b, %s removed"
                : "cleanup LEFT: %2$s", disk, String.join("; ", left));
        return left;
    }

    private void footer(DemoResult result) {
        if (result.ok()) {
            say("demo done in %s: %d live migrations through the contract; the guest's heartbeat and disk counter "
                    + "went on across every hop with no gap; nothing left", Units.duration(result.took()),
                    result.wanted());
        } else {
            say("demo FAILED after %s: %s", Units.duration(result.took()), failure(result));
        }
    }

    private static String failure(DemoResult result) {
        for (HopRecord h : result.hops()) {
            if (!h.ok()) {
                List<String> what = new ArrayList<>(h.serialProblems());
                what.addAll(h.placeProblems());
                return "hop " + h.number() + " (" + h.route() + "): " + (h.completed() ? String.join("; ", what)
                        : h.outcome());
            }
        }
        return result.leftovers().isEmpty() ? result.hops().size() + " of " + result.wanted() + " hops made"
                : "the cleanup left " + String.join("; ", result.leftovers());
    }

    private void say(String format, Object... args) {
        StepLines.print(out, List.of(String.format(Locale.ROOT, format, args)));
    }
}
