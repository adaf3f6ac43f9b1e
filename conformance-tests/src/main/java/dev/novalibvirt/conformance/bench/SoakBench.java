package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.lab.Lab;
import dev.novalibvirt.conformance.lab.LabGuests;
import dev.novalibvirt.conformance.rbd.RbdLab;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.rbd.OpenRbdImage;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.RbdLocation;
import dev.novalibvirt.rbd.fence.CephBlocklist;
import dev.novalibvirt.rbd.rados.RadosConnection;
import dev.novalibvirt.rbd.fence.DiskGuard;
import dev.novalibvirt.rbd.fence.DiskInUse;
import dev.novalibvirt.rbd.fence.MonCommand;
import dev.novalibvirt.rbd.fence.RbdImageHolderProbe;
import dev.novalibvirt.rbd.fence.StartPurpose;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * {@code ./lab bench soak [THREADS] [CYCLES] [GUARD_SECONDS] [RACE_EVERY]}: the native-handle soak of rbd-imagebackend in one JVM. Each of
 * THREADS (default 4) runs CYCLES (default 200) of: open a connection (a new {@link RbdDriver}), clone the base
 * image, open it read-write, list watchers and lockers (through the open image and through read-only opens),
 * close the image, remove it, close the connection. Every fifth cycle also closes the driver while another
 * thread is opening and querying an image of it (the close-while-in-use race: a typed error or success, never
 * an abort) and opens, uses and shuts down a librados client of its own. Beside them, one thread runs {@link DiskGuard} checks against a guest that runs on host-a (for at least GUARD_SECONDS; none when negative).
 *
 * <p>Printed: cycles, errors by kind, guard checks and refusals, and native RSS and thread count at cycle 50
 * and at the end (flat = no leaked librados clients, images or threads). A native abort ends the JVM; the
 * shell then reports exit 134 and no RESULT line.
 */
public final class SoakBench {

    private SoakBench() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        long guardAtLeastNanos = (args.length > 2 ? Long.parseLong(args[2]) : 0) * 1_000_000_000L;
        int raceEvery = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        RbdLab rbdLab = RbdLab.load();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger raceTyped = new AtomicInteger();
        AtomicLong[] at50 = {new AtomicLong(-1), new AtomicLong(-1)};
        CountDownLatch fiftyEach = new CountDownLatch(threads);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger guardChecks = new AtomicInteger();
        AtomicInteger guardRefusals = new AtomicInteger();
        long t0 = System.nanoTime();
        try (Lab lab = Lab.open(); RbdDriver guardDriver = rbdLab.driver()) {
            String guestImage = "soak-guest-" + UUID.randomUUID() + "_disk";
            String guest = "soak-guard-" + guestImage.substring(11, 19);
            RbdLocation base = RbdLocation.parse(rbdLab.baseLocation());
            guardDriver.clone(base, "vms", guestImage);
            Connect a = lab.connect(lab.hostA());
            Domain dom = a.domainCreateXML(LabGuests.bootSectorDomainXml(lab.env(), guest, UUID.randomUUID(),
                    "vms/" + guestImage), 0);
            ExecutorService pool = Executors.newFixedThreadPool(threads * 2 + 1);
            try {
                // SOAK_GUARD=probe: holders only, no blocklist mon command (to tell the two apart)
                boolean withBlocklist = !"probe".equals(System.getenv("SOAK_GUARD"));
                CephBlocklist blocklist = new CephBlocklist(MonCommand.of(guardDriver.monCommands()));
                DiskGuard guard = new DiskGuard(new RbdImageHolderProbe(guardDriver),
                        withBlocklist ? blocklist::list : List::of);
                List<DiskGuard.GuardedImage> disks = List.of(new DiskGuard.GuardedImage("vms", guestImage));
                Future<?> guarding = pool.submit(() -> {
                    long guardStart = System.nanoTime();
                    while (guardAtLeastNanos >= 0 && (!stop.get() || System.nanoTime() - guardStart < guardAtLeastNanos)) {
                        try {
                            if ("mon".equals(System.getenv("SOAK_GUARD"))) {
                                blocklist.list();   // the guard's mon command alone
                                guardChecks.incrementAndGet();
                                continue;
                            }
                            guard.checkCanStart(guest, StartPurpose.START, disks);
                        } catch (DiskInUse e) {
                            guardRefusals.incrementAndGet();
                        } catch (RuntimeException e) {
                            count(errors, "guard " + e.getClass().getSimpleName());
                        }
                        guardChecks.incrementAndGet();
                    }
                    return null;
                });
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    workers.add(pool.submit(() -> {
                        for (int c = 1; c <= cycles; c++) {
                            try {
                                cycle(rbdLab, base, raceEvery > 0 && c % raceEvery == 0 ? pool : null, raceTyped);
                            } catch (RuntimeException e) {
                                count(errors, e.getClass().getSimpleName() + ": " + e.getMessage());
                            }
                            done.incrementAndGet();
                            if (c == 50) {
                                fiftyEach.countDown();
                                if (fiftyEach.getCount() == 0) {
                                    at50[0].set(rssKib());
                                    at50[1].set(threadCount());
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> w : workers) {
                    w.get();
                }
                stop.set(true);
                guarding.get();
            } finally {
                pool.shutdownNow();
                dom.destroy();
                guardDriver.destroyVolume("vms", guestImage);
            }
        }
        System.gc();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long rssEnd = rssKib();
        long threadsEnd = threadCount();
        int errorCount = errors.values().stream().mapToInt(AtomicInteger::get).sum();
        BenchReport r = new BenchReport("soak", "measure", "value");
        r.row("threads x cycles", threads + " x " + cycles);
        r.row("cycles done", done.get());
        r.row("errors", errorCount);
        errors.forEach((k, v) -> r.row("  " + k, v.get()));
        r.row("close-while-in-use races ending in a typed error", raceTyped.get());
        r.row("disk guard checks (refused)", guardChecks.get() + " (" + guardRefusals.get() + ")");
        r.row("native RSS MiB at cycle 50 / end", at50[0].get() / 1024 + " / " + rssEnd / 1024);
        r.row("threads at cycle 50 / end", at50[1].get() + " / " + threadsEnd);
        r.row("seconds", String.format("%.1f", seconds));
        r.result("threads", threads).result("cycles", cycles).result("done", done.get())
                .result("errors", errorCount).result("aborts", 0)
                .result("guard_checks", guardChecks.get()).result("guard_refused", guardRefusals.get())
                .result("rss50_mib", at50[0].get() / 1024).result("rss_end_mib", rssEnd / 1024)
                .result("threads50", at50[1].get()).result("threads_end", threadsEnd)
                .result("seconds", String.format("%.1f", seconds));
        r.print(System.out);
    }

    /** One cycle; with {@code racer}, the driver is closed by another thread while an image of it is in use. */
    private static void cycle(RbdLab lab, RbdLocation base, ExecutorService racer, AtomicInteger raceTyped)
            throws Exception {
        String name = "soak-" + UUID.randomUUID() + "_disk";
        RbdDriver driver = lab.driver();
        try {
            driver.fsid();
            driver.clone(base, "vms", name);
            try (OpenRbdImage img = driver.open("vms", name)) {
                img.watchers();
                img.lockers();
                img.lockOwners();
            }
            driver.watchers("vms", name);
            driver.lockers("vms", name);
            driver.lockOwners("vms", name);
            if (racer != null) {
                // a client of its own, created and shut down while the others work (native lifecycle churn)
                try (RadosConnection own = RadosConnection.connect(driver.connection().config())) {
                    own.fsid();
                    own.withIoCtx("vms", "list vms", io -> new com.ceph.rbd.Rbd(io).list());
                }
                race(driver, name, racer, raceTyped);
                driver.close();
                driver = lab.driver();
            }
        } finally {
            driver.destroyVolume("vms", name);
            driver.close();
        }
    }

    private static void race(RbdDriver driver, String name, ExecutorService racer, AtomicInteger raceTyped)
            throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Future<?> user = racer.submit(() -> {
            started.countDown();
            for (int i = 0; i < 20; i++) {
                try (OpenRbdImage img = driver.open("vms", name)) {
                    img.watchers();
                    img.lockers();
                } catch (NovaException e) {
                    raceTyped.incrementAndGet();   // closed under us: typed, as promised
                    return null;
                }
            }
            return null;
        });
        started.await();
        Thread.sleep(ThreadLocalRandom.current().nextInt(0, 30));
        driver.close();
        user.get();
    }

    private static void count(Map<String, AtomicInteger> errors, String key) {
        String k = key.length() > 120 ? key.substring(0, 120) : key;
        errors.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
    }

    private static long rssKib() {
        return status("VmRSS:");
    }

    private static long threadCount() {
        return status("Threads:");
    }

    private static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
