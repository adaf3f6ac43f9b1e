package dev.novalibvirt.agent;

import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.migration.task.truth.HostProbe;
import dev.novalibvirt.rpc.compute.AgentDispatcher;
import dev.novalibvirt.rpc.config.RabbitRetry;
import dev.novalibvirt.rpc.transport.Transport;
import dev.novalibvirt.rpc.wire.IdSource;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host's agent: serves its {@link ComputeDriver} (and recovery's probe of the host, when it has one) through
 * {@link AgentDispatcher} as server {@code host} of topics {@code compute} and {@code compute-alt}, as nova-compute
 * does, after settling what it can alone on its host (the host driver's {@code initHost}, Nova's
 * {@code init_host}). It owns the driver and the transport and closes both. {@link #stop} is graceful as
 * oslo.service's: consuming stops first (messages not taken yet stay queued for the next start), running steps get
 * the grace period to finish and reply, then the connection and the driver close, and the agent logs how long it
 * took to handle each kind of message ({@link AgentDispatcher#handlerSummary()}: one
 * {@code agent of HOST handled METHOD n=.. p50_ms=.. p99_ms=.. max_ms=..} line per method).
 */
public final class ComputeAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeAgent.class);
    private final ComputeDriver driver;
    private final AutoCloseable resources;
    private final HostProbe probe;
    private final Runnable initHost;
    private final Transport transport;
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeats;
    private final Duration grace;
    private final Duration replyRetry;
    private AgentDispatcher dispatcher;
    private Transport.Subscription serving;
    private boolean stopped;

    /** With oslo's {@code kombu_missing_consumer_retry_timeout} (60 s). */
    public ComputeAgent(AgentDrivers.HostDriver host, Transport transport, int workers, Duration grace) {
        this(host, transport, workers, grace, RabbitRetry.defaults().missingConsumerRetryTimeout());
    }

    /**
     * @param workers    steps running at once ({@code executor_thread_pool_size})
     * @param replyRetry how long a final reply is retried while its caller's queue is missing or the broker is
     *                   unreachable ({@code kombu_missing_consumer_retry_timeout})
     */
    public ComputeAgent(AgentDrivers.HostDriver host, Transport transport, int workers, Duration grace,
                        Duration replyRetry) {
        this.driver = host.driver();
        this.resources = host.resources();
        this.probe = host.probe();
        this.initHost = host.initHost();
        this.transport = transport;
        this.workers = Executors.newFixedThreadPool(workers, named("agent-step-"));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(named("agent-heartbeat-"));
        this.grace = grace;
        this.replyRetry = replyRetry;
    }

    /** Starts serving; the host's queues exist from here on. */
    public synchronized ComputeAgent start() {
        if (stopped) {
            throw new IllegalStateException("agent of " + driver.host() + " was stopped");
        }
        if (serving == null) {
            initHost();
            dispatcher = new AgentDispatcher(driver, probe, transport, workers, heartbeats, IdSource.random(),
                    replyRetry);
            serving = dispatcher.serve();
            LOG.info("agent of {} serving on {}", driver.host(), transport);
        }
        return this;
    }

    /** Nova's init_host: what the host settles alone before serving; a failure there is logged, not fatal. */
    private void initHost() {
        try {
            initHost.run();
        } catch (RuntimeException e) {
            LOG.error("agent of {}: start-up recovery failed, serving anyway (the controller's recover() still "
                    + "settles every migration): {}", driver.host(), e.toString());
        }
    }

    /**
     * Stops consuming, waits up to the grace period for running steps, then closes transport and driver.
     *
     * @return true when every running step finished within the grace period
     */
    public synchronized boolean stop() {
        if (stopped) {
            return true;
        }
        stopped = true;
        if (serving != null) {
            serving.close();
        }
        workers.shutdown();
        boolean finished;
        try {
            finished = workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            // Nova's compute is killed the same way after graceful_shutdown_timeout; the journal recovers.
            LOG.warn("agent of {}: steps still running after {} s; stopping anyway", driver.host(), grace.toSeconds());
            workers.shutdownNow();
        }
        heartbeats.shutdownNow();
        if (dispatcher != null) {
            dispatcher.handlerSummary().forEach(line -> LOG.info("agent of {} {}", driver.host(), line));
        }
        try {
            transport.close();
        } finally {
            closeDriver();
        }
        LOG.info("agent of {} stopped", driver.host());
        return finished;
    }

    private void closeDriver() {
        try {
            driver.close();
        } finally {
            try {
                resources.close();
            } catch (Exception e) {
                LOG.warn("agent of {}: closing the driver's resources failed: {}", driver.host(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The dispatcher serving now (null before {@link #start()}): its abandoned replies and handler times. */
    public synchronized AgentDispatcher dispatcher() {
        return dispatcher;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(false); // a running step keeps the JVM until stop() decides
            return t;
        };
    }
}
