package dev.novalibvirt.libvirt.jna;

import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's default event loop ({@code virEventRegisterDefaultImpl} + {@code virEventRunDefaultImpl}) on one
 * daemon thread per process, which delivers domain events ({@link DomainEvents}) and keep-alives.
 *
 * <p>Start it <em>before</em> opening the connections whose events you want: libvirt's remote driver watches a
 * connection's socket only if an event implementation was registered when it was opened. {@code Host.open} starts
 * it for every connection it opens; call it yourself before opening a libvirt-java {@code Connect} directly. Do not
 * also run libvirt-java's {@code Library.runEventLoop()}: two threads must not iterate the same loop.
 */
public final class LibvirtEventLoop {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtEventLoop.class);
    private static Thread thread;
    // keeps the periodic timer's callback reachable for the life of the process (JNA would free it otherwise)
    private static LibvirtNative.TimeoutCallback tick;
    private static final Backoff LOOP_BACKOFF = new Backoff(java.time.Duration.ofMillis(100),
            java.time.Duration.ofSeconds(5));

    private LibvirtEventLoop() {
    }

    /** Registers the default implementation and starts the loop thread; idempotent. */
    public static synchronized void start() {
        if (thread != null) {
            return;
        }
        LibvirtNative n = LibvirtNative.INSTANCE;
        if (n.virEventRegisterDefaultImpl() < 0) {
            throw LibvirtCallException.last("virEventRegisterDefaultImpl");
        }
        // a 1 s timer: the loop wakes at least once a second even when nothing else happens
        tick = (int timer, Pointer opaque) -> { };
        if (n.virEventAddTimeout(1000, tick, null, null) < 0) {
            LOG.warn("virEventAddTimeout failed: {}", LibvirtCallException.last("virEventAddTimeout").getMessage());
        }
        Thread t = new Thread(LibvirtEventLoop::run, "libvirt-event-loop");
        t.setDaemon(true);
        t.start();
        thread = t;
        LOG.debug("libvirt event loop started");
    }

    /** The loop thread is running. */
    public static synchronized boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    private static void run() {
        LibvirtNative n = LibvirtNative.INSTANCE;
        iterate(() -> {
            if (n.virEventRunDefaultImpl() < 0) {
                throw LibvirtCallException.last("virEventRunDefaultImpl");
            }
        }, d -> Thread.sleep(d.toMillis()), LOOP_BACKOFF, () -> true);
    }

    /** One blocking pass of an event loop; throws when the pass failed. */
    @FunctionalInterface
    interface Pass {
        void run();
    }

    /** Waits; injected so tests need no real time. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(java.time.Duration d) throws InterruptedException;
    }

    /**
     * Runs passes while {@code keepGoing}; after a failed pass it waits per {@code backoff} (consecutive failures
     * wait longer, a good pass starts over) instead of spinning on a broken loop and flooding the log.
     */
    static void iterate(Pass pass, Sleeper sleeper, Backoff backoff, java.util.function.BooleanSupplier keepGoing) {
        int failures = 0;
        while (keepGoing.getAsBoolean()) {
            try {
                pass.run();
                failures = 0;
            } catch (RuntimeException e) {
                failures++;
                java.time.Duration wait = backoff.delay(failures);
                if (failures == 1 || Integer.bitCount(failures) == 1) {
                    LOG.warn("libvirt event loop failed ({} in a row), retrying in {} ms: {}", failures,
                            wait.toMillis(), e.getMessage());
                }
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
