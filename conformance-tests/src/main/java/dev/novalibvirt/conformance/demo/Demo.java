package dev.novalibvirt.conformance.demo;

import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationListener;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.Step;
import dev.novalibvirt.migration.task.StepReport;
import dev.novalibvirt.rbd.RbdImageBackend;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code ./lab demo}: the main job end to end through the library. Spawns an RBD-backed guest (a copy-on-write clone
 * of the lab's base image) on host-a, live-migrates it a->b->a->b->a with {@link LiveMigrationTask}, printing each
 * contract step with its host and duration, and after each hop where the guest lives (its serial output growing),
 * what is left on the other host, and that the RBD image is the same one. Cleans up at the end.
 */
public final class Demo {
    private static final int HOPS = 4;

    private Demo() {
    }

    public static void main(String[] args) {
        // The printed steps are the output; the library's INFO lines would only interleave with them.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        ContractLab lab = ContractLab.load();
        LibvirtDriver a = lab.driver("a");
        LibvirtDriver b = lab.driver("b");
        Instance instance = lab.newInstance("demo");
        String disk = RbdImageBackend.rbdName(InstanceDisk.root(instance.uuid()));
        boolean ok = false;
        try {
            say("lab: ceph %s, host-a %s, host-b %s, guests under %s", lab.get("CEPH_FSID"), lab.hostValue("a", "URI"),
                    lab.hostValue("b", "URI"), ContractLab.virtType());
            long t0 = System.nanoTime();
            a.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
            say("spawn %s (%s) on host-a: %s/%s cloned from images/%s@%s, %d ms", instance.name(), instance.uuid(),
                    lab.get("POOL_VMS"), disk, lab.get("BASE_IMAGE_ID"), lab.get("BASE_IMAGE_SNAP"),
                    (System.nanoTime() - t0) / 1_000_000);
            liveness(a, b, instance);
            String imageId = lab.rbdImageId(disk);
            say("RBD image %s/%s id %s", lab.get("POOL_VMS"), disk, imageId);

            LibvirtDriver from = a;
            LibvirtDriver to = b;
            for (int hop = 1; hop <= HOPS; hop++) {
                say("");
                say("hop %d: %s -> %s", hop, from.host(), to.host());
                LiveMigrationResult r = LiveMigrationTask.builder(from, to).listener(new Printer()).build()
                        .run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
                if (!r.completed()) {
                    throw new IllegalStateException("hop " + hop + " did not complete: " + r.status());
                }
                say("hop %d done in %d ms (migrateToURI3 + job %d ms); shared instance path %s, shared block "
                        + "storage %s", hop, r.total().toMillis(), r.durationOf(Step.LIVE_MIGRATION).toMillis(),
                        r.migrateData().isSharedInstancePath(), r.migrateData().isSharedBlockStorage());
                liveness(to, from, instance);
                String id = lab.rbdImageId(disk);
                say("  RBD image id %s (%s)", id, imageId.equals(id) ? "same image, untouched" : "CHANGED!");
                if (!imageId.equals(id)) {
                    throw new IllegalStateException("the RBD image changed");
                }
                LibvirtDriver t = from;
                from = to;
                to = t;
            }
            ok = true;
        } finally {
            say("");
            GuestProbe.purge(instance, a, b);
            say("cleaned up: domain, instance dirs and %s/%s removed", lab.get("POOL_VMS"), disk);
            a.close();
            b.close();
        }
        say(ok ? "demo done: 4 live migrations through the contract, guest alive after each"
                : "demo FAILED");
    }

    private static void liveness(LibvirtDriver here, LibvirtDriver other, Instance instance) {
        long before = GuestProbe.consoleBytes(here, instance);
        boolean grows = GuestProbe.serialGrows(here, instance, Duration.ofSeconds(10));
        long after = GuestProbe.consoleBytes(here, instance);
        say("  guest on %s: %s, serial console.log %d -> %d bytes (%s)", here.host(),
                GuestProbe.runsOn(here, instance) ? "running" : "NOT RUNNING", before, after,
                grows ? "alive" : "NOT GROWING");
        say("  %s: domain %s, instance dir %s", other.host(),
                other.instanceExists(instance) ? "STILL DEFINED" : "none",
                GuestProbe.hasInstanceDir(other, instance) ? "STILL THERE" : "none");
        if (!grows) {
            throw new IllegalStateException("the guest is not alive on " + here.host());
        }
    }

    /** Prints each contract step as it finishes. */
    private static final class Printer implements LiveMigrationListener {
        @Override
        public void stepFinished(StepReport r) {
            say("  %-40s %-8s %6d ms%s", r.step().name().toLowerCase(Locale.ROOT), r.host(),
                    r.duration().toMillis(), r.succeeded() ? "" : "  FAILED " + r.error());
        }
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
