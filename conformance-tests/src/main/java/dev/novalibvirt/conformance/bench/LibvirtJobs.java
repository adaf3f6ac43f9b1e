package dev.novalibvirt.conformance.bench;

import com.google.common.base.Splitter;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.core.driver.Instance;
import java.time.Duration;
import java.util.List;

/**
 * Whether libvirt still runs a job for a guest on the lab's hosts, asked with {@code virsh domjobinfo} (not the
 * library): for a controller killed during a peer-to-peer migration, the source's libvirtd finishes or fails the
 * job on its own, and recovery must come after that, as a restarted controller's would.
 */
final class LibvirtJobs {
    private static final Duration POLL = Duration.ofMillis(250);

    private LibvirtJobs() {
    }

    /**
     * Whether {@code virsh domjobinfo}'s output shows a job (its {@code Job type:} is {@code Unbounded} or
     * {@code Bounded}; {@code None} or no such line is none).
     */
    static boolean active(String domjobinfo) {
        for (String line : domjobinfo.lines().toList()) {
            List<String> kv = Splitter.on(':').limit(2).trimResults().splitToList(line);
            if (kv.size() == 2 && kv.get(0).equals("Job type")) {
                return kv.get(1).equals("Unbounded") || kv.get(1).equals("Bounded");
            }
        }
        return false;
    }

    /** Whether host {@code letter}'s libvirtd runs a job for {@code instance} now (no domain there: no job). */
    static boolean active(ContractLab lab, String letter, Instance instance) {
        ContractLab.Run r = ContractLab.run(Duration.ofSeconds(10), "virsh", "-c", lab.hostValue(letter, "URI"),
                "domjobinfo", instance.name());
        return r.exitCode() == 0 && active(r.output());
    }

    /**
     * Waits until neither host-a nor host-b has run a job for {@code instance} for {@code quiet} in a row (a kill
     * before the migrate call reached libvirtd may still start one), at most {@code limit}.
     *
     * @return when, from the call, a job was seen last (zero when none was): about when libvirt ended it
     * @throws IllegalStateException when a job still ran after {@code limit}
     */
    static Duration awaitQuiet(ContractLab lab, Instance instance, Duration quiet, Duration limit)
            throws InterruptedException {
        long t0 = System.nanoTime();
        long quietSince = t0;
        while (System.nanoTime() - quietSince < quiet.toNanos()) {
            if (System.nanoTime() - t0 > limit.toNanos()) {
                throw new IllegalStateException("libvirt still runs a job for " + instance.name() + " after "
                        + limit.toSeconds() + " s");
            }
            if (active(lab, "a", instance) || active(lab, "b", instance)) {
                quietSince = System.nanoTime();
            }
            Thread.sleep(POLL.toMillis());
        }
        return Duration.ofNanos(quietSince - t0);
    }
}
