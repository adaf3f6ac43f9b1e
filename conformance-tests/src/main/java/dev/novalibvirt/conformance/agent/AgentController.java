package dev.novalibvirt.conformance.agent;

import static org.assertj.core.api.Assumptions.assumeThat;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationListener;
import dev.novalibvirt.migration.task.Step;
import dev.novalibvirt.rpc.client.RpcClient;
import dev.novalibvirt.rpc.compute.RemoteComputeDriver;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.config.TransportUrl;
import dev.novalibvirt.rpc.transport.AmqpTransport;
import dev.novalibvirt.rpc.transport.Transport;
import dev.novalibvirt.rpc.wire.IdSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The controller's side of the lab's agents, as an embedding controller holds it: one connection to the lab's
 * RabbitMQ, one {@link RpcClient} (one reply queue) and a {@link RemoteComputeDriver} per host. Nothing here
 * touches a host; the tests' own eyes on the hosts are separate ({@link VirshLook}, the probe drivers). The agent
 * tests' common set-up (agents, controller, eyes) is {@link #onHosts}; a fault they inject as a step of the
 * controller's migration starts (an agent killed, the broker restarted) is a {@link StepFault}.
 */
public final class AgentController implements AutoCloseable {
    /** oslo's {@code rpc_response_timeout} and Nova's {@code long_rpc_timeout} defaults. */
    public static final Duration RPC_RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration LONG_RPC_TIMEOUT = Duration.ofSeconds(1800);
    // RemoteComputeDriver reads only the timeouts of its options; the controller's own host and URL are not sent.
    private static final TransportUrl UNUSED_URL = TransportUrl.parse("rabbit://controller@127.0.0.1/");

    private final ContractLab lab;
    private final AmqpTransport transport;
    private final RpcClient client;

    private AgentController(ContractLab lab, AmqpTransport transport, UnaryOperator<Transport> tap) {
        this.lab = lab;
        this.transport = transport;
        this.client = new RpcClient(tap.apply(transport), IdSource.random(), Clock.systemUTC());
    }

    /** Connects to the RabbitMQ lab.env names ({@code RABBIT_TRANSPORT_URL_FILE}) as {@code connectionName}. */
    public static AgentController connect(ContractLab lab, LabEnv env, String connectionName) {
        return connect(lab, env, connectionName, UnaryOperator.identity());
    }

    /**
     * As {@link #connect(ContractLab, LabEnv, String)}, the controller's client talking through {@code tap} around
     * the connection (a benchmark's message counter); closing the controller closes the connection.
     */
    public static AgentController connect(ContractLab lab, LabEnv env, String connectionName,
                                          UnaryOperator<Transport> tap) {
        TransportUrl url = TransportUrl.parse(LabAgents.transportUrl(env));
        return new AgentController(lab, AmqpTransport.connect(url, RabbitOptions.defaults(), connectionName), tap);
    }

    /** The remote driver of lab host {@code letter} with Nova's default timeouts. */
    public RemoteComputeDriver remote(String letter) {
        return remote(letter, RPC_RESPONSE_TIMEOUT, LONG_RPC_TIMEOUT);
    }

    /**
     * The remote driver of lab host {@code letter} with the given timeouts: {@code rpcResponseTimeout} bounds plain
     * calls and the heartbeat gap of long ones, {@code longRpcTimeout} the long calls overall (and is their
     * messages' TTL on the broker).
     */
    public RemoteComputeDriver remote(String letter, Duration rpcResponseTimeout, Duration longRpcTimeout) {
        return new RemoteComputeDriver(lab.hostValue(letter, "NAME"), client, new RpcOptions("controller",
                UNUSED_URL, rpcResponseTimeout, longRpcTimeout, RabbitOptions.defaults()));
    }

    @Override
    public void close() {
        client.close();
        transport.close();
    }

    /**
     * What the agent tests set up before each test: an agent on each of host-a and host-b ({@link LabAgents}), a
     * controller over RabbitMQ, and the test's own eyes on each host (a {@link LibvirtDriver} per host, never used
     * to drive the scenario). Skips the test (an assumption) when lab.env names no RabbitMQ.
     *
     * @param connectionName the controller's name in RabbitMQ's connection list
     */
    public static OnHosts onHosts(LabEnv env, Path workDir, String connectionName) {
        return onHosts(env, workDir, connectionName, null);
    }

    /** As {@link #onHosts(LabEnv, Path, String)}, with {@code extraNovaConf} appended to each agent's nova.conf. */
    public static OnHosts onHosts(LabEnv env, Path workDir, String connectionName, String extraNovaConf) {
        assumeThat(env.find("RABBIT_TRANSPORT_URL_FILE")).as("the lab's RabbitMQ (lab.env RABBIT_TRANSPORT_URL_FILE)")
                .isPresent();
        return OnHosts.start(ContractLab.of(env), env, workDir, connectionName, List.of("a", "b"), extraNovaConf);
    }

    /**
     * Agents on lab hosts, their controller and the test's eyes on the hosts; {@link #close} removes the guests made
     * with {@link #newInstance} from every host, then closes the controller, stops the agents and closes the eyes.
     */
    public static final class OnHosts implements AutoCloseable {
        private final ContractLab lab;
        private final LabAgents agents;
        private final AgentController controller;
        private final Map<String, LibvirtDriver> probes = new LinkedHashMap<>();
        private final List<Instance> guests = new ArrayList<>();

        private OnHosts(ContractLab lab, LabAgents agents, AgentController controller) {
            this.lab = lab;
            this.agents = agents;
            this.controller = controller;
        }

        static OnHosts start(ContractLab lab, LabEnv env, Path workDir, String connectionName, List<String> letters,
                             String extraNovaConf) {
            LabAgents agents = LabAgents.start(lab, env, workDir, letters, extraNovaConf);
            AgentController controller;
            try {
                controller = connect(lab, env, connectionName);
            } catch (RuntimeException e) {
                agents.close();
                throw e;
            }
            OnHosts hosts = new OnHosts(lab, agents, controller);
            try {
                for (String letter : letters) {
                    hosts.probes.put(letter, lab.driver(letter));
                }
            } catch (RuntimeException e) {
                hosts.close();
                throw e;
            }
            return hosts;
        }

        public ContractLab lab() {
            return lab;
        }

        public LabAgents agents() {
            return agents;
        }

        public AgentController controller() {
            return controller;
        }

        /** The test's own in-process driver of host {@code letter} (its eyes; real paths outside the host). */
        public LibvirtDriver probe(String letter) {
            LibvirtDriver probe = probes.get(letter);
            if (probe == null) {
                throw new IllegalArgumentException("no probe of host " + letter + "; hosts " + probes.keySet());
            }
            return probe;
        }

        /** A fresh instance ({@link ContractLab#newInstance}), removed from every host by {@link #close}. */
        public Instance newInstance(String prefix) {
            Instance instance = lab.newInstance(prefix);
            guests.add(instance);
            return instance;
        }

        @Override
        public void close() {
            try {
                LibvirtDriver[] eyes = probes.values().toArray(LibvirtDriver[]::new);
                guests.forEach(g -> GuestProbe.purge(g, eyes));
            } finally {
                try {
                    controller.close();
                } finally {
                    try {
                        agents.close();
                    } finally {
                        probes.values().forEach(LibvirtDriver::close);
                    }
                }
            }
        }
    }

    /**
     * A fault a test injects into the controller's migration as one of its steps starts (an agent killed, the broker
     * restarted): a listener for {@code LiveMigrationTask.Builder.listener}. The first time {@code step} starts, the
     * fault runs either {@link #before} the step (the task waits for it, so the step goes to hosts where the fault
     * has already happened) or {@link #meanwhile}, on a thread of its own (the step goes on while the fault takes its
     * time). A fault that throws never reaches the task: {@link #done} ends with it. It also notes when each step
     * first started ({@link #firstStarted}).
     *
     * @param <T> what the fault tells the test (e.g. whether it saw libvirt's job before it struck)
     */
    public static final class StepFault<T> implements LiveMigrationListener {
        private final Step step;
        private final boolean inline;
        private final Supplier<T> fault;
        private final AtomicBoolean struck = new AtomicBoolean();
        private final CompletableFuture<T> done = new CompletableFuture<>();
        private final Map<Step, Long> firstStarted = new ConcurrentHashMap<>();

        private StepFault(Step step, boolean inline, Supplier<T> fault) {
            this.step = Objects.requireNonNull(step, "step");
            this.inline = inline;
            this.fault = Objects.requireNonNull(fault, "fault");
        }

        /** {@code fault} runs as {@code step} starts, before the task sends it. */
        public static StepFault<Void> before(Step step, Runnable fault) {
            Objects.requireNonNull(fault, "fault");
            return new StepFault<>(step, true, () -> {
                fault.run();
                return null;
            });
        }

        /** {@code fault} runs on a thread of its own once {@code step} starts; the task goes on meanwhile. */
        public static StepFault<Void> meanwhile(Step step, Runnable fault) {
            Objects.requireNonNull(fault, "fault");
            return meanwhile(step, () -> {
                fault.run();
                return null;
            });
        }

        /** As {@link #meanwhile(Step, Runnable)}; {@link #done} ends with what {@code fault} returns. */
        public static <T> StepFault<T> meanwhile(Step step, Supplier<T> fault) {
            return new StepFault<>(step, false, fault);
        }

        @Override
        public void stepStarted(Step started, String host) {
            firstStarted.putIfAbsent(started, System.nanoTime());
            if (started != step || !struck.compareAndSet(false, true)) {
                return;
            }
            if (inline) {
                strike();
            } else {
                Thread t = new Thread(this::strike, "fault-at-" + step.name().toLowerCase(Locale.ROOT));
                t.setDaemon(true);
                t.start();
            }
        }

        private void strike() {
            try {
                done.complete(fault.get());
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        }

        /** Ends once the fault has struck (with its answer, or what it threw); never when its step did not start. */
        public CompletableFuture<T> done() {
            return done;
        }

        /** When {@code s} first started ({@link System#nanoTime}), if it did. */
        public OptionalLong firstStarted(Step s) {
            Long at = firstStarted.get(s);
            return at == null ? OptionalLong.empty() : OptionalLong.of(at);
        }
    }
}
