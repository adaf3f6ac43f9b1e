package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.Step;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code ./lab bench migrate}: the full contract (checks, pre, migrateToURI3 with rewritten XML, post and cleanup)
 * against plain {@code virsh migrate --live --p2p --persistent --undefinesource} of the same idle guest, in one
 * run. Hops alternate in pairs (contract a->b->a, then virsh a->b->a) so each pair starts from the same state;
 * 10 hops each. Prints median wall times, the contract's per-step medians, and the ratio
 * (target {@literal <=} 1.10).
 */
public final class MigrateBench {
    private static final int HOPS = 10;

    private MigrateBench() {
    }

    public static void main(String[] args) throws Exception {
        // The printed steps are the output; the library's INFO lines would only interleave with them.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int hops = args.length > 0 ? Integer.parseInt(args[0]) : HOPS;
        ContractLab lab = ContractLab.load();
        // No VNC: plain virsh migrate would carry host-a's listen address to host-b (the contract rewrites it).
        String noVnc = "[vnc]\nenabled = false";
        LibvirtDriver a = lab.driver("a", lab.instancesPath("a"), noVnc, lab.cephxKeys(), false);
        LibvirtDriver b = lab.driver("b", lab.instancesPath("b"), noVnc, lab.cephxKeys(), false);
        Instance instance = lab.newInstance("bench");
        Samples contract = new Samples();
        Samples virsh = new Samples();
        Map<Step, Samples> steps = new EnumMap<>(Step.class);
        try {
            a.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
            if (!GuestProbe.serialGrows(a, instance, Duration.ofSeconds(30))) {
                throw new IllegalStateException("the bench guest printed nothing on host-a");
            }
            for (int pair = 0; pair < (hops + 1) / 2; pair++) {
                double c1 = contractHop(a, b, instance, contract, steps);
                double c2 = contractHop(b, a, instance, contract, steps);
                double v1 = virshHop(lab, "a", "b", instance, virsh);
                double v2 = virshHop(lab, "b", "a", instance, virsh);
                System.out.printf("pair %d: contract a->b %.0f ms, b->a %.0f ms; virsh a->b %.0f ms, b->a %.0f ms%n",
                        pair + 1, c1, c2, v1, v2);
            }
            if (!GuestProbe.runsOn(a, instance) || !GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))) {
                throw new IllegalStateException("the guest is not alive on host-a after the benchmark");
            }
        } finally {
            GuestProbe.purge(instance, a, b);
            a.close();
            b.close();
        }
        double ratio = contract.median() / virsh.median();
        BenchReport r = new BenchReport("migrate", "migration (idle 64 MiB guest, RBD disk)", "n", "min ms",
                "median ms", "max ms");
        r.row("contract: LiveMigrationTask (all steps)", contract.count(), contract.min(), contract.median(),
                contract.max());
        r.row("virsh migrate --live --p2p --persistent --undefinesource", virsh.count(), virsh.min(),
                virsh.median(), virsh.max());
        steps.forEach((step, s) -> r.row("  step " + step.name().toLowerCase(), s.count(), s.min(), s.median(),
                s.max()));
        r.row("ratio contract/virsh (median)", "", "", ratio, "");
        r.result("contract_median_ms", contract.median())
                .result("virsh_median_ms", virsh.median())
                .result("ratio", ratio)
                .result("hops_each", contract.count())
                .result("target_ratio", 1.10);
        r.print(System.out);
    }

    private static double contractHop(LibvirtDriver from, LibvirtDriver to, Instance instance, Samples contract,
                                      Map<Step, Samples> steps) {
        long t0 = System.nanoTime();
        LiveMigrationResult[] result = {LiveMigrationTask.builder(from, to).build().run(instance, NetworkInfo.none(), BlockDeviceInfo.none())};
        double ms = (System.nanoTime() - t0) / 1e6;
        contract.add(ms);
        if (!result[0].completed()) {
            throw new IllegalStateException("contract hop " + from.host() + " -> " + to.host() + " failed: "
                    + result[0].steps());
        }
        result[0].steps().forEach(s -> steps.computeIfAbsent(s.step(), k -> new Samples())
                .add(s.duration().toNanos() / 1e6));
        return ms;
    }

    private static double virshHop(ContractLab lab, String from, String to, Instance instance, Samples virsh) {
        String[] argv = {"virsh", "-q", "-c", lab.hostValue(from, "URI"), "migrate", "--live", "--p2p",
            "--persistent", "--undefinesource", instance.name(), lab.hostValue(to, "URI")};
        long t0 = System.nanoTime();
        ContractLab.Run run = ContractLab.run(argv);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (run.exitCode() != 0) {
            throw new IllegalStateException("virsh migrate " + from + " -> " + to + " failed: " + run.output());
        }
        virsh.add(ms);
        return ms;
    }
}
