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
        while (true) {
            try {
                if (n.virEventRunDefaultImpl() < 0) {
                    LOG.warn("virEventRunDefaultImpl failed: {}", LibvirtCallException.last("virEventRunDefaultImpl")
                            .getMessage());
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("libvirt event loop: {}", e.toString());
            }
        }
    }
}
