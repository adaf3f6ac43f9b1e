package dev.novalibvirt.libvirt.host;

import dev.novalibvirt.libvirt.jna.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one connection to a daemon usable across the daemon's restarts; the state machine behind
 * {@link LibvirtHost}, generic so that it is unit-tested with a fake connector, clock and sleeper.
 *
 * <pre>
 *   CONNECTED --lost(gen)--> LOST --connection(): attempt due, open ok--> CONNECTED (listeners re-register)
 *                             |  \--connection(): attempt due, open fails--> LOST, next attempt after backoff
 *                             \--connection(): attempt not due--> HypervisorUnavailable at once
 *   any --close()--> CLOSED (terminal)
 * </pre>
 *
 * <p>Reconnecting happens on the calling thread, lazily, as Nova's {@code Host.get_connection} does; the backoff
 * only spaces the attempts, so a caller never sleeps in {@link #connection()} (only {@link #await} waits). Each
 * connection has a generation: a late close notice of an older connection cannot drop a newer one.
 *
 * @param <C> the connection type
 */
final class ConnectionKeeper<C> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionKeeper.class);

    /** Where the connection is. */
    enum State { CONNECTED, LOST, CLOSED }

    /** Opens a new connection; throws when the daemon cannot be reached. */
    @FunctionalInterface
    interface Connector<C> {
        C open(long generation);
    }

    /** Waits; injected so tests need no real time. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** Hears every new connection (the first one too), to register its callbacks on it. */
    @FunctionalInterface
    interface Listener<C> {
        void connected(C connection, long generation);
    }

    /** A connection and its generation (1 = the first). */
    record Connection<C>(C handle, long generation) {
    }

    private final String what;
    private final Connector<C> connector;
    private final Consumer<C> closer;
    private final Backoff backoff;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final List<Listener<C>> listeners = new CopyOnWriteArrayList<>();

    private State state = State.LOST;
    private Connection<C> current;
    private long generation;
    private int failures;
    private long nextAttemptNanos;
    private String lostReason = "not connected yet";
    // a broken handle, closed by the thread of the next attempt or close(), never by the notifier
    private C pendingClose;

    ConnectionKeeper(String what, Connector<C> connector, Consumer<C> closer, Backoff backoff, LongSupplier nanoTime,
                     Sleeper sleeper) {
        this.what = Objects.requireNonNull(what, "what");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.closer = Objects.requireNonNull(closer, "closer");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.nextAttemptNanos = nanoTime.getAsLong();
    }

    synchronized State state() {
        return state;
    }

    /** Registers a listener, told of every later connection (call before the first {@link #connection()}). */
    void addListener(Listener<C> listener) {
        listeners.add(listener);
    }

    /**
     * The current connection; reconnects first when it was lost and an attempt is due.
     *
     * @throws HypervisorUnavailable when lost and not (yet) back, or closed
     */
    synchronized Connection<C> connection() {
        if (state == State.CONNECTED) {
            return current;
        }
        if (state == State.CLOSED) {
            throw new HypervisorUnavailable("connection to " + what + " is closed");
        }
        long now = nanoTime.getAsLong();
        if (now - nextAttemptNanos < 0) {
            throw new HypervisorUnavailable("connection to " + what + " lost (" + lostReason + "); next reconnect in "
                    + Duration.ofNanos(nextAttemptNanos - now).toMillis() + " ms");
        }
        return reconnect(now);
    }

    private Connection<C> reconnect(long now) {
        closePending();
        long gen = generation + 1;
        C handle;
        try {
            handle = connector.open(gen);
        } catch (RuntimeException e) {
            failures++;
            Duration wait = backoff.delay(failures);
            nextAttemptNanos = now + wait.toNanos();
            // the first failure and then every power of two, so a long outage does not flood the log
            if (failures == 1 || Integer.bitCount(failures) == 1) {
                LOG.warn("reconnecting to {} failed ({} in a row), next attempt in {} ms: {}", what, failures,
                        wait.toMillis(), e.getMessage());
            }
            throw new HypervisorUnavailable("cannot connect to " + what + ": " + e.getMessage(), e);
        }
        generation = gen;
        current = new Connection<>(handle, gen);
        state = State.CONNECTED;
        if (gen > 1) {
            LOG.info("reconnected to {} after {} failed attempt(s) (connection {})", what, failures, gen);
        }
        failures = 0;
        for (Listener<C> l : listeners) {
            try {
                l.connected(handle, gen);
            } catch (RuntimeException e) {
                // one listener that cannot re-register must not keep the others (or the caller) off the daemon
                LOG.warn("{}: a listener failed on connection {}: {}", what, gen, e.toString());
            }
        }
        return current;
    }

    /**
     * The connection of {@code generation} broke (libvirt's close callback, a keepalive timeout, a call that
     * failed with a connection error). Ignored for an older or already dropped connection. The broken handle is
     * closed on the next reconnect's thread, not here: this may run on libvirt's event-loop thread.
     */
    void lost(long generation, String reason) {
        C broken;
        synchronized (this) {
            if (state != State.CONNECTED || current == null || current.generation() != generation) {
                return;
            }
            state = State.LOST;
            lostReason = reason;
            broken = current.handle();
            current = null;
            nextAttemptNanos = nanoTime.getAsLong(); // the first attempt is due at once: a restart is quick
            pendingClose = broken;
        }
        LOG.warn("connection {} to {} lost: {}", generation, what, reason);
    }

    private void closePending() {
        C c;
        synchronized (this) {
            c = pendingClose;
            pendingClose = null;
        }
        if (c != null) {
            try {
                closer.accept(c);
            } catch (RuntimeException e) {
                LOG.debug("closing a broken connection to {}: {}", what, e.toString());
            }
        }
    }

    /**
     * Waits up to {@code within} for the connection, attempting as the backoff allows (the monitor's bounded
     * reconnect).
     *
     * @throws HypervisorUnavailable when it is not back within that time
     */
    Connection<C> await(Duration within) throws InterruptedException {
        long deadline = nanoTime.getAsLong() + within.toNanos();
        while (true) {
            HypervisorUnavailable last;
            try {
                return connection();
            } catch (HypervisorUnavailable e) {
                last = e;
            }
            long wait;
            synchronized (this) {
                if (state == State.CLOSED) {
                    throw last;
                }
                long now = nanoTime.getAsLong();
                if (deadline - now <= 0) {
                    throw new HypervisorUnavailable(what + " not back within " + within.toMillis() + " ms: "
                            + last.getMessage(), last);
                }
                wait = Math.max(0, Math.min(nextAttemptNanos, deadline) - now);
            }
            sleeper.sleep(Duration.ofNanos(Math.max(wait, 1)));
        }
    }

    @Override
    public void close() {
        C c;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            c = current == null ? null : current.handle();
            current = null;
        }
        closePending();
        if (c != null) {
            closer.accept(c);
        }
    }
}
