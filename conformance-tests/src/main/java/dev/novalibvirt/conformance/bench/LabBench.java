package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.lab.Lab;
import dev.novalibvirt.conformance.lab.LabHost;
import java.util.UUID;
import org.libvirt.Connect;

/**
 * {@code ./lab bench lab}: the lab's own round trips, the floor under every other benchmark: opening a
 * libvirt connection to host-a, one libvirt call on it, one mon command as client.nova, cloning the base
 * image into vms and removing the clone.
 */
public final class LabBench {
    private static final int ROUNDS = 10;

    private LabBench() {
    }

    public static void main(String[] args) throws Exception {
        try (Lab lab = Lab.open()) {
            LabHost a = lab.hostA();
            Samples connect = new Samples();
            Samples call = new Samples();
            Samples monDump = new Samples();
            Samples clone = new Samples();
            Samples remove = new Samples();
            Connect shared = lab.connect(a);
            for (int i = 0; i < ROUNDS; i++) {
                connect.time(() -> lab.openConnect(a).close());
                call.time(shared::getLibVersion);
                monDump.time(() -> lab.rbd().monMap());
                String image = "lab-bench-" + UUID.randomUUID() + "_disk";
                clone.time(() -> lab.cloneBaseImage(image));
                remove.time(() -> lab.removeVmsImage(image));
            }
            BenchReport r = new BenchReport("lab", "operation", "n", "min ms", "median ms", "max ms");
            row(r, "libvirt connect+close (host-a)", connect);
            row(r, "libvirt call (getLibVersion)", call);
            row(r, "rados mon dump (client.nova)", monDump);
            row(r, "rbd clone base@snap -> vms", clone);
            row(r, "rbd remove clone", remove);
            r.result("connect_ms", connect.median())
                    .result("call_ms", call.median())
                    .result("mon_dump_ms", monDump.median())
                    .result("clone_ms", clone.median())
                    .result("remove_ms", remove.median());
            r.print(System.out);
        }
    }

    private static void row(BenchReport r, String label, Samples s) {
        r.row(label, s.count(), s.min(), s.median(), s.max());
    }
}
