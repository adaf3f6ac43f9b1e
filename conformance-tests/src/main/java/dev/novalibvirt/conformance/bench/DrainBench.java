package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.bench.plot.BenchPlots;
import dev.novalibvirt.conformance.bench.plot.Chart;
import dev.novalibvirt.conformance.bench.plot.ProgressSeries;
import dev.novalibvirt.conformance.bench.plot.Series;
import dev.novalibvirt.conformance.agent.AgentController;
import dev.novalibvirt.conformance.agent.LabAgents;
import dev.novalibvirt.conformance.agent.VirshLook;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.drain.DrainHandle;
import dev.novalibvirt.migration.drain.DrainResult;
import dev.novalibvirt.migration.drain.GuestOutcome;
import dev.novalibvirt.migration.drain.HostDrain;
import dev.novalibvirt.rpc.compute.RemoteComputeDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code ./lab bench drain [N] [CAPS]}: a host drained through the agents (issue 13) at several per-source caps,
 * against a sequential {@code virsh migrate --live --p2p --persistent --undefinesource} loop of the same guests in
 * the same run. N idle boot-sector guests (default 8) are spawned on host-a through its agent; each cap of CAPS
 * (default {@code 1,2,4}) drains all of them to the other host with {@link HostDrain} over
 * {@code RemoteComputeDriver}s (host-a to host-b, then back, and so on), and the virsh loop moves them once more. Every drain must
 * complete every guest and leave each running (virsh) on its destination. Needs the lab's RabbitMQ; the agents run
 * in the hosts' namespaces ({@link LabAgents}), VNC off so that plain virsh can migrate the same guests, and their
 * drivers' own {@code max_concurrent_live_migrations} lifted so that the drain's cap is the one measured.
 * Last line: {@code RESULT drain n=.. cap<C>_s=.. ... virsh_seq_s=.. best_speedup_vs_virsh=.. all_completed=yes}.
 */
public final class DrainBench {
    private static final int GUESTS = 8;
    private static final String CAPS = "1,2,4";
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(20);

    private DrainBench() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : GUESTS;
        List<Integer> caps = Arrays.stream((args.length > 1 ? args[1] : CAPS).split(","))
                .map(String::strip).map(Integer::parseInt).toList();
        if (n < 1 || caps.isEmpty() || caps.stream().anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException("usage: DrainBench [N >= 1] [CAPS, e.g. 1,2,4; 0 = unlimited]");
        }
        LabEnv env = LabEnv.load();
        ContractLab lab = ContractLab.of(env);
        Path work = Files.createTempDirectory("drain-bench");
        BenchReport r = new BenchReport("drain", "case", "guests", "cap", "total s", "guest median s",
                "guest max s", "peak outbound");
        r.result("n", n);
        List<Instance> guests = new ArrayList<>();
        LibvirtDriver probeA = lab.driver("a");
        LibvirtDriver probeB = lab.driver("b");
        List<Double> drainSeconds = new ArrayList<>();
        List<Series> curves = new ArrayList<>();
        double virshSeconds;
        try (LabAgents agents = LabAgents.start(lab, env, work, List.of("a", "b"),
                // the drain's cap is what is measured: the agents' own driver cap is lifted (0 = unlimited)
                "[vnc]\nenabled = false\n[DEFAULT]\nmax_concurrent_live_migrations = 0");
             AgentController controller = AgentController.connect(lab, env, "bench-drain")) {
            System.out.println(agents + " serving");
            RemoteComputeDriver remoteA = controller.remote("a");
            for (int i = 0; i < n; i++) {
                Instance g = lab.newInstance("drain" + i);
                guests.add(g);
                remoteA.spawn(g, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
                if (!GuestProbe.serialGrows(probeA, g, Duration.ofSeconds(30))) {
                    throw new IllegalStateException(g.name() + " printed nothing on host-a");
                }
            }
            String at = "a";
            for (int cap : caps) {
                String to = other(at);
                Drained drained = drain(controller.remote(at), controller.remote(to), guests, cap);
                DrainResult d = drained.result();
                requireAllRunOn(lab, to, guests, d);
                Samples perGuest = new Samples();
                d.guests().forEach(g -> perGuest.add(((GuestOutcome.Migrated) g.outcome()).result().total().toMillis()));
                double total = d.total().toMillis() / 1000.0;
                drainSeconds.add(total);
                r.row("HostDrain via agents " + at + "->" + to, n, cap == 0 ? "none" : Integer.toString(cap), total,
                        perGuest.median() / 1000.0, perGuest.max() / 1000.0, drained.peakOutbound());
                System.out.printf("cap %d: %d guests %s -> %s in %.1f s%n", cap, n, at, to, total);
                r.result("cap" + cap + "_s", total);
                curves.add(ProgressSeries.guestsDone("HostDrain cap " + (cap == 0 ? "none" : cap) + " " + at + "->"
                        + to, drained.endSeconds()));
                at = to;
            }
            List<Double> virshEnds = new ArrayList<>();
            virshSeconds = virshLoop(lab, at, other(at), guests, r, n, virshEnds);
            curves.add(ProgressSeries.guestsDone("sequential virsh loop " + at + "->" + other(at), virshEnds));
        } finally {
            guests.forEach(g -> GuestProbe.purge(g, probeA, probeB));
            probeA.close();
            probeB.close();
        }
        double best = drainSeconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        r.row("speedup of the best drain vs the virsh loop", "", "", virshSeconds / best, "", "", "");
        r.result("caps", caps.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .result("virsh_seq_s", virshSeconds)
                .result("best_speedup_vs_virsh", virshSeconds / best)
                .result("all_completed", "yes");
        BenchPlots.write("drain", new Chart("drain: guests moved over time per case (" + n + " guests)",
                "time since the drain began (s)", "guests moved", curves), System.out);
        r.print(System.out);
    }

    /** One drain's end, the most migrations that left its source at once, and when each guest ended (s). */
    private record Drained(DrainResult result, int peakOutbound, List<Double> endSeconds) {
    }

    private static Drained drain(RemoteComputeDriver from, RemoteComputeDriver to, List<Instance> guests, int cap) {
        HostDrain.Builder b = HostDrain.builder(from).destination(to).maxPerSource(cap)
                // the cluster cap (KubeVirt's 5 by default) must not hide the per-source cap being measured
                .maxPerCluster(0);
        guests.forEach(g -> b.guest(g, NetworkInfo.none(), BlockDeviceInfo.none()));
        HostDrain drain = b.build();
        long t0 = System.nanoTime();
        DrainHandle handle = drain.start();
        // polled for the plot: when each guest reached its end (to the poll's quarter second)
        Map<String, Double> ends = new LinkedHashMap<>();
        Optional<DrainResult> end;
        while ((end = handle.await(Duration.ofMillis(250))).isEmpty()) {
            double now = (System.nanoTime() - t0) / 1e9;
            handle.progress().guests().stream().filter(g -> g.state().isFinal())
                    .forEach(g -> ends.putIfAbsent(g.uuid(), now));
            if (now > DRAIN_LIMIT.toSeconds()) {
                handle.abort();
                throw new IllegalStateException("the drain of " + from.host() + " at cap " + cap
                        + " did not end within " + DRAIN_LIMIT);
            }
        }
        double last = (System.nanoTime() - t0) / 1e9;
        DrainResult d = end.get();
        d.guests().forEach(g -> ends.putIfAbsent(g.uuid(), last));
        if (!d.allCompleted()) {
            throw new IllegalStateException("the drain of " + from.host() + " at cap " + cap
                    + " did not complete every guest: " + d.guests());
        }
        return new Drained(d, drain.slots().peakOutbound(from.host()), List.copyOf(ends.values()));
    }

    private static void requireAllRunOn(ContractLab lab, String letter, List<Instance> guests, DrainResult d) {
        for (Instance g : guests) {
            if (!VirshLook.of(lab, letter, g).running() || VirshLook.of(lab, other(letter), g).defined()) {
                throw new IllegalStateException(g.name() + " is not on host-" + letter + " only after " + d);
            }
        }
    }

    /**
     * The baseline: one {@code virsh migrate} after the other, as an operator's shell loop would. Plain virsh has no
     * pre_live_migration: what it makes on the destination (the instance dir and its console.log, which the guest's
     * serial file names under the common instances_path) is made beforehand, outside the timing.
     */
    private static double virshLoop(ContractLab lab, String from, String to, List<Instance> guests, BenchReport r,
                                    int n, List<Double> endSeconds) throws IOException {
        for (Instance g : guests) {
            Path dir = Files.createDirectories(lab.instancesPath(to).resolve(g.uuid()));
            if (!Files.exists(dir.resolve("console.log"))) {
                Files.createFile(dir.resolve("console.log"));
            }
        }
        Samples each = new Samples();
        long t0 = System.nanoTime();
        for (Instance g : guests) {
            String[] argv = {"virsh", "-q", "-c", lab.hostValue(from, "URI"), "migrate", "--live", "--p2p",
                "--persistent", "--undefinesource", g.name(), lab.hostValue(to, "URI")};
            long t = System.nanoTime();
            ContractLab.Run run = ContractLab.run(argv);
            if (run.exitCode() != 0) {
                throw new IllegalStateException("virsh migrate " + g.name() + " " + from + " -> " + to + " failed: "
                        + run.output());
            }
            each.add((System.nanoTime() - t) / 1e6);
            endSeconds.add((System.nanoTime() - t0) / 1e9);
        }
        double total = (System.nanoTime() - t0) / 1e9;
        r.row("sequential virsh migrate loop " + from + "->" + to, n, "1", total, each.median() / 1000.0,
                each.max() / 1000.0, 1);
        System.out.printf("virsh loop: %d guests %s -> %s in %.1f s%n", n, from, to, total);
        return total;
    }

    private static String other(String letter) {
        return letter.equals("a") ? "b" : "a";
    }
}
