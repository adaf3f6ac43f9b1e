package dev.novalibvirt.rbd.rados;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The process' librados clients, one per {@link CephClientConfig} (ceph.conf, user, keyring, timeouts),
 * reference counted: every {@code RbdDriver} of the same configuration shares one client, and it is shut down
 * when the last user releases it (and, through {@link RadosConnection}'s leases, only once no call or image
 * uses it). Why: a controller builds drivers per host and per request; a librados client per driver means
 * clients created and shut down while other clients of the process are busy, and on librbd 16.2 that churn
 * left an open of one client's image waiting forever on a completion that referenced freed memory.
 */
public final class RadosClients {

    private static final Map<CephClientConfig, Entry> CLIENTS = new HashMap<>();   // guarded by the class

    private static final class Entry {
        final RadosConnection connection;
        int users;

        Entry(RadosConnection connection) {
            this.connection = connection;
        }
    }

    /** One user's hold on a shared client; {@link #close()} releases it (idempotent). */
    public static final class Ref implements AutoCloseable {
        private final CephClientConfig config;
        private final RadosConnection connection;
        private final AtomicBoolean released = new AtomicBoolean();

        private Ref(CephClientConfig config, RadosConnection connection) {
            this.config = config;
            this.connection = connection;
        }

        /** The shared connection; closed by the registry, never by a user. */
        public RadosConnection connection() {
            return connection;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(config, connection);
            }
        }
    }

    private RadosClients() {
    }

    /**
     * The shared client for {@code config}, connecting it when there is none (within about its connect timeout;
     * {@link RbdError.CephTimeout} when no monitor answers).
     */
    public static Ref acquire(CephClientConfig config) {
        Objects.requireNonNull(config, "config");
        synchronized (RadosClients.class) {
            Entry e = CLIENTS.get(config);
            if (e == null || e.connection.isClosed()) {
                e = new Entry(RadosConnection.connect(config));
                CLIENTS.put(config, e);
            }
            e.users++;
            return new Ref(config, e.connection);
        }
    }

    /** How many distinct clients the process holds now (for tests and benchmarks). */
    public static synchronized int size() {
        return CLIENTS.size();
    }

    private static void release(CephClientConfig config, RadosConnection connection) {
        RadosConnection toClose = null;
        synchronized (RadosClients.class) {
            Entry e = CLIENTS.get(config);
            if (e != null && e.connection == connection && --e.users == 0) {
                CLIENTS.remove(config);
                toClose = connection;
            }
        }
        if (toClose != null) {
            toClose.close();
        }
    }
}
