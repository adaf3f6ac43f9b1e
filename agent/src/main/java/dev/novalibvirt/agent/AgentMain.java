package dev.novalibvirt.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's program: {@code java -jar agent.jar [--config-file /etc/nova/nova.conf]} (oslo.config's option name).
 * Runs until SIGTERM or SIGINT, then stops gracefully ({@link ComputeAgent#stop}) within
 * {@code graceful_shutdown_timeout}. Exit status: 0 after a clean stop, 1 when steps were cut off, 2 for bad usage
 * or configuration.
 */
public final class AgentMain {
    private static final Logger LOG = LoggerFactory.getLogger(AgentMain.class);
    static final Path DEFAULT_CONFIG = Path.of("/etc/nova/nova.conf");

    private AgentMain() {
    }

    public static void main(String[] args) {
        Path conf;
        try {
            conf = configFile(args);
        } catch (IllegalArgumentException e) {
            System.err.println("nova-agent: " + e.getMessage());
            System.err.println("usage: nova-agent [--config-file PATH]   (default " + DEFAULT_CONFIG + ")");
            System.exit(2);
            return;
        }
        ComputeAgent agent;
        try {
            agent = launch(AgentConfig.fromFile(conf), AgentDrivers::libvirt, AgentDrivers::amqp);
        } catch (RuntimeException e) {
            // configuration and connection errors are written to name no secret (TransportUrl, SecretGuard)
            LOG.error("nova-agent could not start from {}: {}", conf, e.getMessage());
            System.exit(2);
            return;
        }
        // A JVM ended by SIGTERM exits 143 unless a hook halts it: the hook halts with the stop's own status, so
        // that a service manager sees 0 for a clean stop and 1 when running steps were cut off.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean clean = agent.stop();
            System.err.flush();
            Runtime.getRuntime().halt(clean ? 0 : 1);
        }, "agent-shutdown"));
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds and starts an agent; what it built is closed again when starting fails. */
    static ComputeAgent launch(AgentConfig config, AgentDrivers.DriverFactory drivers,
                               AgentDrivers.TransportFactory transports) {
        AgentDrivers.HostDriver host = drivers.create(config);
        ComputeAgent agent;
        try {
            agent = new ComputeAgent(host, transports.connect(config), config.workers(), config.gracefulShutdown(),
                    config.rpc().rabbit().retry().missingConsumerRetryTimeout());
        } catch (RuntimeException e) {
            LOG.debug("closing {}'s driver after a failed start", host.driver());
            closeQuietly(host.driver(), e);      // the driver first: it uses the resources
            closeQuietly(host.resources(), e);
            throw e;
        }
        try {
            return agent.start();
        } catch (RuntimeException e) {
            agent.stop();
            throw e;
        }
    }

    static Path configFile(String[] args) {
        Path conf = DEFAULT_CONFIG;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config-file") && i + 1 < args.length) {
                conf = Path.of(args[++i]);
            } else if (args[i].startsWith("--config-file=")) {
                conf = Path.of(args[i].substring("--config-file=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        if (!Files.isReadable(conf)) {
            throw new IllegalArgumentException("cannot read " + conf);
        }
        return conf;
    }

    private static void closeQuietly(AutoCloseable c, RuntimeException failure) {
        try {
            c.close();
        } catch (Exception closing) {
            failure.addSuppressed(closing);
        }
    }
}
