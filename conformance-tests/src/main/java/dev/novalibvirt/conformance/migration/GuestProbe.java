package dev.novalibvirt.conformance.migration;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What a test or the demo observes about a guest on one lab host, without going through the contract. */
public final class GuestProbe {
    private GuestProbe() {
    }

    /** The domain is defined and running on this host. */
    public static boolean runsOn(LibvirtDriver host, Instance instance) {
        try {
            return host.getInfo(instance).state() == PowerState.RUNNING;
        } catch (InstanceNotFound e) {
            return false;
        }
    }

    /** The instance dir exists on this host. */
    public static boolean hasInstanceDir(LibvirtDriver host, Instance instance) {
        return Files.exists(host.instanceDirs().instanceDir(instance.uuid()));
    }

    /** Bytes in this host's console.log of the guest (0 when absent). */
    public static long consoleBytes(LibvirtDriver host, Instance instance) {
        Path log = host.instanceDirs().consoleLog(instance.uuid());
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Whether the guest is alive here: its serial output (the boot sector prints a dot per timer tick) grows in this
     * host's console.log within {@code within}.
     */
    public static boolean serialGrows(LibvirtDriver host, Instance instance, Duration within) {
        long before = consoleBytes(host, instance);
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (consoleBytes(host, instance) > before) {
                return true;
            }
        }
        return false;
    }

    /** Removes every trace of the guest from both hosts: domains, instance dirs, RBD disks (test cleanup only). */
    public static void purge(Instance instance, LibvirtDriver... hosts) {
        for (LibvirtDriver h : hosts) {
            try {
                h.destroy(instance, null, null, false, true);
            } catch (RuntimeException e) {
                // best effort
            }
            try {
                h.instanceDirs().removeInstanceDir(instance.uuid());
            } catch (RuntimeException e) {
                // best effort
            }
        }
        if (hosts.length > 0) {
            try {
                hosts[0].destroy(instance, null, null, true, true);
            } catch (RuntimeException e) {
                // best effort
            }
        }
    }
}
