package dev.novalibvirt.libvirt.host;

import dev.novalibvirt.libvirt.jna.DomainEvents;
import dev.novalibvirt.libvirt.jna.LibvirtCallException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Domain event subscriptions ({@link DomainEvents}) held by a libvirt {@link Host} and registered again on every
 * new connection after a reconnect, as Nova's {@code Host} re-registers its callbacks in {@code _connect}: a
 * subscription made on a connection that died would otherwise go quiet for good. Subscriptions are by domain
 * name, because the domain handle of the old connection is useless on the new one.
 */
public final class HostEvents {
    private static final Logger LOG = LoggerFactory.getLogger(HostEvents.class);

    private final LibvirtHost host;
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    HostEvents(LibvirtHost host) {
        this.host = host;
    }

    /**
     * Subscribes {@code listener} to the job-completed and migration-iteration events of {@code domainName} on
     * {@code host}, now and on every connection the host opens later; close the result to stop.
     *
     * @throws IllegalArgumentException when {@code host} is not libvirt's (a test's fake)
     * @throws LibvirtCallException     when libvirt refuses now (e.g. no event loop)
     * @throws HypervisorUnavailable    when the host is not connected now
     */
    // "exports": the listener type is our JNA binding's (module-internal); the monitor of this module subscribes.
    @SuppressWarnings("exports")
    public static AutoCloseable subscribe(Host host, String domainName, DomainEvents.Listener listener) {
        if (!(host instanceof LibvirtHost h)) {
            throw new IllegalArgumentException("host " + host.uri() + " is not a libvirt connection ("
                    + host.getClass().getName() + ")");
        }
        return h.events().add(domainName, listener);
    }

    private Registration add(String domainName, DomainEvents.Listener listener) {
        ConnectionKeeper.Connection<Connect> c = host.connection();
        Registration r = new Registration(domainName, listener);
        r.subscribeOn(c.handle(), true);
        registrations.add(r);
        return r;
    }

    /** A new connection: every registration moves to it (a domain no longer here is skipped, and logged). */
    void registerAll(Connect connect, long generation) {
        for (Registration r : registrations) {
            try {
                r.subscribeOn(connect, false);
            } catch (RuntimeException e) {
                LOG.warn("events of {} not re-registered on connection {}: {}", r.domainName, generation,
                        e.getMessage());
            }
        }
    }

    void closeAll() {
        registrations.forEach(Registration::close);
    }

    private final class Registration implements AutoCloseable {
        private final String domainName;
        private final DomainEvents.Listener listener;
        private DomainEvents.Subscription current;
        private boolean closed;

        Registration(String domainName, DomainEvents.Listener listener) {
            this.domainName = domainName;
            this.listener = listener;
        }

        synchronized void subscribeOn(Connect connect, boolean first) {
            if (closed) {
                return;
            }
            if (current != null) {
                current.close(); // its connection is gone; deregistering there is best effort
                current = null;
            }
            try {
                current = DomainEvents.subscribe(connect, connect.domainLookupByName(domainName), listener);
                if (!first) {
                    LOG.info("events of {} registered again after a reconnect", domainName);
                }
            } catch (LibvirtException e) {
                if (first) {
                    throw new HypervisorUnavailable("cannot subscribe to events of " + domainName + ": "
                            + LibvirtErrors.message(e), e);
                }
                LOG.info("events of {} not re-registered: {}", domainName, LibvirtErrors.message(e));
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
            registrations.remove(this);
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
