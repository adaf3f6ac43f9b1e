package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.agent.AgentController;
import dev.novalibvirt.conformance.agent.LabAgents;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ./lab bench agents [N]}: one live migration of the idle RBD guest (as {@code ./lab bench migrate}) three ways
 * in the same run: through the agents (each host's agent in its own network namespace, started as
 * {@link LabAgents} starts them, the controller here holding nothing but RabbitMQ), in-process (the same
 * {@link LiveMigrationTask} over LibvirtDrivers in this JVM) and bare {@code virsh migrate --live --p2p --persistent
 * --undefinesource}; N hops each (default 10), in pairs a->b->a, the order of the three rotating from pair to pair,
 * after one warm-up pair of the two JVM paths. Prints median wall times and their ratios to virsh (issue 13's goal:
 * through agents {@literal <=} 1.05x virsh), then the RPC per wire method: the round trip at the controller (p50/p99,
 * from a counter on its transport, {@link MessageTap}), the agents' own handling time (p50/p99, from the summary
 * each agent logs when it stops, {@link AgentHandlerTimes}) and the difference, the wire's overhead; and messages per
 * migration. Last line: {@code RESULT agents ...}.
 */
public final class AgentsBench {
    private static final int HOPS = 10;
    /** No VNC: plain virsh migrate would carry host-a's listen address to host-b (the contract rewrites it). */
    private static final String NO_VNC = "[vnc]\nenabled = false";
    private static final double TARGET = 1.05;

    private AgentsBench() {
    }

    /** One way of migrating the guest from one host to the other; returns its wall time in ms. */
    @FunctionalInterface
    private interface Way {
        double hop(String from, String to) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int hops = args.length > 0 ? Integer.parseInt(args[0]) : HOPS;
        if (hops < 1) {
            throw new IllegalArgumentException("usage: AgentsBench [N >= 1 hops of each way]");
        }
        LabEnv env = LabEnv.load();
        ContractLab lab = ContractLab.of(env);
        Path work = Files.createTempDirectory("agents-bench");
        LibvirtDriver a = lab.driver("a", lab.instancesPath("a"), NO_VNC, lab.cephxKeys(), false);
        LibvirtDriver b = lab.driver("b", lab.instancesPath("b"), NO_VNC, lab.cephxKeys(), false);
        Instance instance = lab.newInstance("agentsbench");
        Samples viaAgents = new Samples();
        Samples inProcess = new Samples();
        Samples virsh = new Samples();
        List<RpcTrace> traces = new ArrayList<>();
        List<Path> agentLogs = new ArrayList<>();
        AtomicReference<MessageTap> tap = new AtomicReference<>();
        LabAgents agents = LabAgents.start(lab, env, work, List.of("a", "b"), NO_VNC);
        try (AgentController controller = AgentController.connect(lab, env, "bench-agents", t -> {
            MessageTap m = new MessageTap(t);
            tap.set(m);
            return m;
        })) {
            agentLogs.add(agents.agent("a").log());
            agentLogs.add(agents.agent("b").log());
            System.out.println(agents + " serving");
            Way remote = (from, to) -> {
                tap.get().drain();
                double ms = contractHop(controller.remote(from), controller.remote(to), instance);
                traces.add(RpcTrace.of(tap.get().drain()));
                return ms;
            };
            Way local = (from, to) -> contractHop(from.equals("a") ? a : b, to.equals("a") ? a : b, instance);
            Way bare = (from, to) -> virshHop(lab, from, to, instance);
            a.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
            if (!GuestProbe.serialGrows(a, instance, Duration.ofSeconds(30))) {
                throw new IllegalStateException("the bench guest printed nothing on host-a");
            }
            for (Way warmUp : List.of(remote, local)) {
                warmUp.hop("a", "b");
                warmUp.hop("b", "a");
            }
            traces.clear();
            List<Way> ways = List.of(remote, local, bare);
            List<Samples> samples = List.of(viaAgents, inProcess, virsh);
            List<String> names = List.of("agents", "in-process", "virsh");
            for (int pair = 0; pair < (hops + 1) / 2; pair++) {
                StringBuilder line = new StringBuilder("pair " + (pair + 1) + ":");
                for (int k = 0; k < ways.size(); k++) {
                    int w = (k + pair) % ways.size(); // rotate, so no way always runs first or last
                    double there = ways.get(w).hop("a", "b");
                    double back = ways.get(w).hop("b", "a");
                    samples.get(w).add(there).add(back);
                    line.append(String.format(" %s %.0f/%.0f ms;", names.get(w), there, back));
                }
                System.out.println(line);
            }
            if (!GuestProbe.runsOn(a, instance) || !GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))) {
                throw new IllegalStateException("the guest is not alive on host-a after the benchmark");
            }
        } finally {
            GuestProbe.purge(instance, a, b);
            Map<String, Integer> exits = agents.stop(); // graceful: each agent logs its handling times
            System.out.println("agents stopped: " + exits);
            a.close();
            b.close();
        }
        List<AgentHandlerTimes.Handled> handled = new ArrayList<>();
        for (Path log : agentLogs) {
            handled.addAll(AgentHandlerTimes.parse(read(log)));
        }
        report(hops, viaAgents, inProcess, virsh, traces, AgentHandlerTimes.combine(handled));
    }

    private static void report(int hops, Samples viaAgents, Samples inProcess, Samples virsh, List<RpcTrace> traces,
                               Map<String, AgentHandlerTimes.Combined> agentSide) {
        Map<String, Samples> rtt = new TreeMap<>();
        Samples sent = new Samples();
        Samples received = new Samples();
        Samples heartbeats = new Samples();
        Samples messages = new Samples();
        int returned = 0;
        for (RpcTrace t : traces) {
            t.roundTripsMs().forEach((method, ms) -> ms.forEach(v -> rtt.computeIfAbsent(method, k -> new Samples())
                    .add(v)));
            sent.add(t.sent());
            received.add(t.received());
            heartbeats.add(t.heartbeats());
            messages.add(t.messages());
            returned += t.returned();
        }
        BenchReport rpc = new BenchReport("agents-rpc", "rpc method (per migration through agents)", "calls",
                "rtt p50 ms", "rtt p99 ms", "agent p50 ms", "agent p99 ms", "overhead p50 ms");
        double overheadPerMigration = 0;
        boolean allMeasured = !agentSide.isEmpty();
        for (Map.Entry<String, Samples> e : rtt.entrySet()) {
            Samples s = e.getValue();
            AgentHandlerTimes.Combined agent = agentSide.get(e.getKey());
            double overhead = agent == null ? Double.NaN : s.median() - agent.p50Ms();
            if (agent == null) {
                allMeasured = false;
            } else {
                overheadPerMigration += overhead * s.count() / traces.size();
            }
            rpc.row(e.getKey(), s.count(), s.median(), s.percentile(0.99), agent == null ? "-" : agent.p50Ms(),
                    agent == null ? "-" : agent.p99Ms(), agent == null ? "-" : overhead);
        }
        System.out.println("== RPC per step: round trip at the controller vs handling on the agent ==");
        System.out.print(rpc.table());
        System.out.printf("messages per migration (median of %d): %.0f sent, %.0f received (%.0f heartbeats), %d"
                + " returned in all; %.0f in all%n", traces.size(), sent.median(), received.median(),
                heartbeats.median(), returned, messages.median());

        double ratioAgents = viaAgents.median() / virsh.median();
        double ratioInProcess = inProcess.median() / virsh.median();
        BenchReport r = new BenchReport("agents", "migration (idle 64 MiB guest, RBD disk)", "n", "min ms",
                "median ms", "p99 ms", "max ms", "ratio vs virsh");
        r.row("through agents: LiveMigrationTask over RabbitMQ", viaAgents.count(), viaAgents.min(),
                viaAgents.median(), viaAgents.percentile(0.99), viaAgents.max(), ratioAgents);
        r.row("in-process: LiveMigrationTask over LibvirtDrivers", inProcess.count(), inProcess.min(),
                inProcess.median(), inProcess.percentile(0.99), inProcess.max(), ratioInProcess);
        r.row("virsh migrate --live --p2p --persistent --undefinesource", virsh.count(), virsh.min(), virsh.median(),
                virsh.percentile(0.99), virsh.max(), 1.0);
        r.result("hops_each", hops)
                .result("agents_median_ms", viaAgents.median())
                .result("inprocess_median_ms", inProcess.median())
                .result("virsh_median_ms", virsh.median())
                .result("ratio_agents_virsh", ratioAgents)
                .result("ratio_inprocess_virsh", ratioInProcess)
                .result("ratio_agents_inprocess", viaAgents.median() / inProcess.median())
                .result("messages_per_migration", messages.median())
                .result("rpc_overhead_ms_per_migration", allMeasured ? (Object) overheadPerMigration : "na")
                .result("target_ratio", TARGET)
                .result("goal_met", ratioAgents <= TARGET ? "yes" : "no");
        r.print(System.out);
    }

    private static double contractHop(ComputeDriver from, ComputeDriver to, Instance instance) {
        long t0 = System.nanoTime();
        LiveMigrationResult result = LiveMigrationTask.builder(from, to).build()
                .run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        double ms = (System.nanoTime() - t0) / 1e6;
        if (!result.completed()) {
            throw new IllegalStateException("hop " + from.host() + " -> " + to.host() + " (" + from + ") did not"
                    + " complete: " + result.outcome() + " " + result.steps());
        }
        return ms;
    }

    private static double virshHop(ContractLab lab, String from, String to, Instance instance) {
        long t0 = System.nanoTime();
        ContractLab.Run run = ContractLab.run("virsh", "-q", "-c", lab.hostValue(from, "URI"), "migrate", "--live",
                "--p2p", "--persistent", "--undefinesource", instance.name(), lab.hostValue(to, "URI"));
        double ms = (System.nanoTime() - t0) / 1e6;
        if (run.exitCode() != 0) {
            throw new IllegalStateException("virsh migrate " + from + " -> " + to + " failed: " + run.output());
        }
        return ms;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("cannot read the agent log " + log + ": " + e.getMessage());
            return "";
        }
    }
}
