package dev.novalibvirt.conformance.agent;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabFaults;
import dev.novalibvirt.conformance.migration.ContractLab;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

/**
 * One agent process per lab host, each inside its host's network and mount namespaces, as nova-compute runs on its
 * own machine. Every agent is launched by the lab's one launch, {@code lab/cmd/agents.sh exec X -- java ... AgentMain
 * --config-file X/nova.conf} (what {@code ./lab agents up} uses too), which execs into {@code nsenter} and then the
 * JVM, so the process handle is the agent's JVM. Each agent's nova.conf (mode 0600: it holds the broker's password)
 * names only its own host: its libvirtd through the host's own socket ({@code qemu:///system}), the
 * {@code instances_path} every host has ({@code NOVA_INSTANCES_PATH}, {@code /var/lib/nova/instances}: inside the
 * host's mount namespace, its own dir), the lab's Ceph and RabbitMQ on the bridge. The tests' own eyes still find a
 * host's dir outside, at {@code HOST_X_INSTANCES_PATH}. The JVM runs on this JVM's class path; its log goes to
 * {@code X/agent.log} (a {@link #restart}ed one to {@code X/agent-2.log}, {@code X/agent-3.log}, ..., so each start's
 * "serving" line is its own).
 *
 * <p>{@code -Dnovalab.agentLibvirt=tcp} points the agents at their libvirtd's TCP URI ({@code HOST_X_URI}) instead
 * of its socket. Refuses to start beside the lab's own agent of a host ({@code ./lab agents up}): both would
 * serve the same queue.
 */
public final class LabAgents implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final String AGENT_MAIN = "dev.novalibvirt.agent.AgentMain";
    /** The libvirtd an agent reaches: {@code local} (the host's socket, the default) or {@code tcp}. */
    static final String LIBVIRT_PROPERTY = "novalab.agentLibvirt";

    /** One running agent. */
    public record Agent(String letter, String host, Process process, Path log) {
        /** The agent's log so far. */
        public String logText() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }
    }

    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final Map<String, Integer> launches = new LinkedHashMap<>();
    private final ContractLab lab;
    private final Path workDir;
    private final String transportUrl;
    private final String extraNovaConf;

    private LabAgents(ContractLab lab, Path workDir, String transportUrl, String extraNovaConf) {
        this.lab = lab;
        this.workDir = workDir;
        this.transportUrl = transportUrl;
        this.extraNovaConf = extraNovaConf;
    }

    /** Starts an agent for each of {@code letters} and returns once every one serves (or fails with its log). */
    public static LabAgents start(ContractLab lab, LabEnv env, Path workDir, List<String> letters) {
        return start(lab, env, workDir, letters, null);
    }

    /**
     * As {@link #start(ContractLab, LabEnv, Path, List)}, with {@code extraNovaConf} appended to every agent's
     * nova.conf (e.g. {@code [vnc] enabled = false} for guests that plain virsh must migrate too).
     */
    public static LabAgents start(ContractLab lab, LabEnv env, Path workDir, List<String> letters,
                                  String extraNovaConf) {
        letters.forEach(letter -> refuseBesideLabAgent(lab, letter));
        LabAgents started = new LabAgents(lab, workDir, transportUrl(env), extraNovaConf);
        try {
            for (String letter : letters) {
                started.agents.put(letter, started.launch(letter));
            }
            for (Agent agent : started.agents.values()) {
                awaitServing(agent);
            }
            return started;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    public Agent agent(String letter) {
        Agent a = agents.get(letter);
        if (a == null) {
            throw new IllegalArgumentException("no agent for host " + letter);
        }
        return a;
    }

    /**
     * SIGKILL to one agent's JVM, as a crashed nova-compute: no graceful stop, its broker connection drops, the
     * steps it was running end with it. Returns once the process is gone.
     */
    public void kill(String letter) {
        Process p = agent(letter).process();
        p.destroyForcibly();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the agent of host-" + letter + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing the agent of host-" + letter, e);
        }
    }

    /** Starts the agent of {@code letter} again (after {@link #kill}) and returns once it serves. */
    public Agent restart(String letter) {
        Agent old = agent(letter);
        if (old.process().isAlive()) {
            throw new IllegalStateException("the agent of host-" + letter + " still runs (pid "
                    + old.process().pid() + "); kill it first");
        }
        Agent fresh = launch(letter);
        agents.put(letter, fresh);
        awaitServing(fresh);
        return fresh;
    }

    /** The inode of the network namespace a process runs in (compare with {@link #netnsInode(String)}). */
    public static long processNetnsInode(long pid) {
        return inode(Path.of("/proc", Long.toString(pid), "ns", "net"));
    }

    /** The inode of a named network namespace ({@code /run/netns/NAME}). */
    public static long netnsInode(String netns) {
        return inode(Path.of("/run/netns", netns));
    }

    /** The inode of the mount namespace a process runs in (compare with {@link #mntnsInode(ContractLab, String)}). */
    public static long processMntnsInode(long pid) {
        return inode(Path.of("/proc", Long.toString(pid), "ns", "mnt"));
    }

    /** The inode of lab host {@code letter}'s mount namespace ({@code HOST_X_MNTNS}, a bind-mounted namespace file). */
    public static long mntnsInode(ContractLab lab, String letter) {
        return inode(Path.of(lab.hostValue(letter, "MNTNS")));
    }

    /**
     * The {@code instances_path} every lab host has inside its own mount namespace ({@code NOVA_INSTANCES_PATH},
     * Nova's default {@code /var/lib/nova/instances}); the agents' nova.conf names it. Outside, in this JVM, it is an
     * empty directory: each host's dir behind it is {@code HOST_X_INSTANCES_PATH}.
     */
    public static Path instancesPathInHosts(ContractLab lab) {
        return Path.of(lab.get("NOVA_INSTANCES_PATH"));
    }

    private static long inode(Path p) {
        try {
            return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SIGTERM to every agent (a graceful stop: running steps finish), then waits; an agent that does not end
     * within two minutes is killed. Returns the exit codes by host letter.
     */
    public Map<String, Integer> stop() {
        Map<String, Integer> codes = new LinkedHashMap<>();
        agents.values().forEach(a -> a.process().destroy());
        for (Agent a : agents.values()) {
            try {
                if (!a.process().waitFor(2, TimeUnit.MINUTES)) {
                    a.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                a.process().destroyForcibly();
            }
            codes.put(a.letter(), a.process().isAlive() ? -1 : a.process().exitValue());
        }
        agents.clear();
        return codes;
    }

    @Override
    public void close() {
        stop();
    }

    private Agent launch(String letter) {
        try {
            int n = launches.merge(letter, 1, Integer::sum);
            Path dir = Files.createDirectories(workDir.resolve("agent-" + letter).toAbsolutePath());
            Path conf = dir.resolve("nova.conf");
            if (!Files.exists(conf)) {
                Files.createFile(conf,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(conf, novaConf(letter), StandardCharsets.UTF_8);
            }
            Path log = dir.resolve(n == 1 ? "agent.log" : "agent-" + n + ".log");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            // the lab's one launch of an agent: it enters the host's namespaces and execs the JVM
            ProcessBuilder pb = new ProcessBuilder("bash", LabFaults.commandPath("agents.sh").toString(), "exec",
                    letter, "--", java.toString(), "-cp", absoluteClassPath(), AGENT_MAIN, "--config-file",
                    conf.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            // the lab scripts find this lab's state (and so its namespaces) where lab.env says it is
            pb.environment().put("LAB_STATE", lab.get("LAB_STATE"));
            pb.environment().put("LAB_MNTNS_DIR", Path.of(lab.hostValue(letter, "MNTNS")).getParent().toString());
            return new Agent(letter, lab.hostValue(letter, "NAME"), pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the agent of host " + letter, e);
        }
    }

    /** The host's nova.conf as an operator writes it, plus the broker and the host's own libvirtd. */
    private String novaConf(String letter) {
        String libvirtUri = "tcp".equals(System.getProperty(LIBVIRT_PROPERTY, "local"))
                ? lab.hostValue(letter, "URI") : "qemu:///system";
        return lab.novaConf(letter, instancesPathInHosts(lab), extraNovaConf)
                .replaceFirst("\\[DEFAULT]\n",
                        Matcher.quoteReplacement("[DEFAULT]\ntransport_url = " + transportUrl + "\n"))
                .replaceFirst("\\[libvirt]\n",
                        Matcher.quoteReplacement("[libvirt]\nconnection_uri = " + libvirtUri + "\n"));
    }

    /** This JVM's class path with absolute entries: the agent starts in / of its host's mount namespace. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.isEmpty()).map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Fails when the lab's own agent of host {@code letter} runs ({@code ./lab agents up}: its pid file and nova.conf
     * in {@code HOST_X_STATE/agent}): it serves the same queue, so this test's calls could go to it.
     */
    private static void refuseBesideLabAgent(ContractLab lab, String letter) {
        Path dir = Path.of(lab.hostValue(letter, "STATE"), "agent");
        try {
            String pid = Files.readString(dir.resolve("agent.pid"), StandardCharsets.UTF_8).strip();
            if (!pid.matches("[0-9]+")) {
                return;
            }
            String cmdline = Files.readString(Path.of("/proc", pid, "cmdline"), StandardCharsets.UTF_8);
            if (cmdline.contains(dir.resolve("nova.conf").toString())) {
                throw new IllegalStateException("the lab's own agent of host-" + letter + " runs (pid " + pid
                        + ", ./lab agents up) and serves the same queue as this test's would: ./lab agents down first");
            }
        } catch (IOException e) {
            // no pid file, or no such process: no lab agent runs there
        }
    }

    private static void awaitServing(Agent agent) {
        long deadline = System.nanoTime() + READY.toNanos();
        String marker = "agent of " + agent.host() + " serving";
        while (System.nanoTime() < deadline) {
            if (agent.logText().contains(marker)) {
                return;
            }
            if (!agent.process().isAlive()) {
                throw new IllegalStateException("the agent of " + agent.host() + " ended with "
                        + agent.process().exitValue() + ":\n" + agent.logText());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("the agent of " + agent.host() + " did not serve within "
                + READY.toSeconds() + " s:\n" + agent.logText());
    }

    /** The lab's transport_url (it holds the broker's password: never print it). */
    static String transportUrl(LabEnv env) {
        String file = env.find("RABBIT_TRANSPORT_URL_FILE").orElseThrow(() ->
                new IllegalStateException("lab.env names no RabbitMQ (RABBIT_TRANSPORT_URL_FILE): run ./lab up"));
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lab's transport_url file", e);
        }
    }

    @Override
    public String toString() {
        return "agents " + agents.keySet().stream().map(l -> l.toUpperCase(Locale.ROOT)).toList();
    }
}
