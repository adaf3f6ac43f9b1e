package dev.novalibvirt.libvirt.jna;

import com.sun.jna.Pointer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.TypedParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Domain events libvirt-java 0.5.4 cannot subscribe to: {@code VIR_DOMAIN_EVENT_ID_JOB_COMPLETED} (the job's final
 * statistics, sent by the source when a migration ends; the only place post-copy stats appear) and
 * {@code VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION}. Delivered on the {@link LibvirtEventLoop} thread, which must be
 * running before the connection is opened. Listeners must be quick and must not call back into libvirt.
 */
public final class DomainEvents {
    private static final Logger LOG = LoggerFactory.getLogger(DomainEvents.class);
    /** {@code VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION}. */
    public static final int MIGRATION_ITERATION = 20;
    /** {@code VIR_DOMAIN_EVENT_ID_JOB_COMPLETED}. */
    public static final int JOB_COMPLETED = 21;

    // JNA callbacks must stay reachable while libvirt may call them; closed ones linger a while in case a
    // dispatch was already under way on the event-loop thread when they were deregistered
    private static final Set<Subscription> LIVE = ConcurrentHashMap.newKeySet();
    private static final Deque<Subscription> RECENTLY_CLOSED = new ArrayDeque<>();
    private static final int KEEP_CLOSED = 64;

    private DomainEvents() {
    }

    /** What a subscriber hears. */
    public interface Listener {
        /** The domain's job ended; {@code stats} are its final statistics ({@code VIR_DOMAIN_JOB_*} names). */
        default void jobCompleted(TypedParameter[] stats) {
        }

        /** A migration started memory iteration {@code iteration}. */
        default void migrationIteration(int iteration) {
        }
    }

    /**
     * Subscribes to one domain's job-completed and migration-iteration events on {@code connect}.
     *
     * @throws LibvirtCallException when libvirt refuses (e.g. no event loop when the connection was opened)
     */
    public static Subscription subscribe(Connect connect, Domain domain, Listener listener) {
        if (!LibvirtEventLoop.isRunning()) {
            throw new LibvirtCallException("virConnectDomainEventRegisterAny", LibvirtCallException.NO_SUPPORT,
                    "the libvirt event loop is not running (LibvirtEventLoop.start() before opening connections)");
        }
        Subscription s = new Subscription(connect, listener);
        Pointer c = LibvirtPointers.of(connect);
        Pointer d = LibvirtPointers.of(domain);
        LIVE.add(s);
        try {
            s.ids.add(register(c, d, JOB_COMPLETED, s.jobCompleted));
            s.ids.add(register(c, d, MIGRATION_ITERATION, s.iteration));
        } catch (LibvirtCallException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private static int register(Pointer c, Pointer d, int id, com.sun.jna.Callback cb) {
        int rc = LibvirtNative.INSTANCE.virConnectDomainEventRegisterAny(c, d, id, cb, null, null);
        if (rc < 0) {
            throw LibvirtCallException.last("virConnectDomainEventRegisterAny");
        }
        return rc;
    }

    /** A live subscription; {@link #close()} deregisters it. */
    public static final class Subscription implements AutoCloseable {
        private final Connect connect;
        private final List<Integer> ids = new ArrayList<>(2);
        private final LibvirtNative.JobCompletedCallback jobCompleted;
        private final LibvirtNative.MigrationIterationCallback iteration;
        private boolean closed;

        private Subscription(Connect connect, Listener listener) {
            this.connect = connect;
            this.jobCompleted = (conn, dom, params, nparams, opaque) -> {
                try {
                    listener.jobCompleted(params == null || nparams <= 0 ? new TypedParameter[0]
                            : TypedParams.copy(params, nparams));
                } catch (RuntimeException e) {
                    LOG.warn("job-completed listener threw: {}", e.toString());
                }
            };
            this.iteration = (conn, dom, it, opaque) -> {
                try {
                    listener.migrationIteration(it);
                } catch (RuntimeException e) {
                    LOG.warn("migration-iteration listener threw: {}", e.toString());
                }
            };
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                Pointer c = LibvirtPointers.of(connect);
                for (int id : ids) {
                    if (LibvirtNative.INSTANCE.virConnectDomainEventDeregisterAny(c, id) < 0) {
                        LOG.debug("deregistering event callback {}: {}", id,
                                LibvirtCallException.last("virConnectDomainEventDeregisterAny").getMessage());
                    }
                }
            } catch (IllegalStateException e) {
                LOG.debug("connection already closed: {}", e.getMessage());
            } finally {
                LIVE.remove(this);
                synchronized (RECENTLY_CLOSED) {
                    RECENTLY_CLOSED.addLast(this);
                    if (RECENTLY_CLOSED.size() > KEEP_CLOSED) {
                        RECENTLY_CLOSED.removeFirst();
                    }
                }
            }
        }
    }
}
