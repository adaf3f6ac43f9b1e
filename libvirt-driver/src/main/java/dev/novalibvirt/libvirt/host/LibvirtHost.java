package dev.novalibvirt.libvirt.host;

import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.core.xml.SecretXml;
import dev.novalibvirt.libvirt.jna.Backoff;
import dev.novalibvirt.libvirt.jna.LibvirtEventLoop;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.libvirt.CPUCompareResult;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Host} port over libvirt-java's {@link Connect}, kept open across libvirtd restarts by a
 * {@link ConnectionKeeper}: libvirt's close callback (EOF, keepalive timeout) or a call failing with a connection
 * error marks the connection lost; the call in flight gets {@link HypervisorUnavailable}; the next call
 * reconnects (attempts spaced by {@link #RECONNECT_BACKOFF}) and the domain event subscriptions of
 * {@link HostEvents} are registered again on the new connection. libvirt's default error printer is replaced so
 * libvirt errors surface only as typed exceptions.
 */
final class LibvirtHost implements Host {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtHost.class);
    /** A libvirtd restart takes a second or two; an outage longer than that is retried every 10 s at most. */
    static final Backoff RECONNECT_BACKOFF = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10));

    static {
        try {
            Connect.setErrorCallback((userData, error) -> {
                // errors are reported through LibvirtException; printing them to stderr would only add noise
            });
        } catch (LibvirtException e) {
            LOG.debug("cannot install libvirt error callback", e);
        }
    }

    private final String uri;
    private final ConnectionKeeper<Connect> keeper;
    private final HostEvents events;

    private LibvirtHost(String uri) {
        this.uri = uri;
        this.keeper = new ConnectionKeeper<>(uri, this::openConnection, LibvirtHost::closeQuietly,
                RECONNECT_BACKOFF, System::nanoTime, d -> Thread.sleep(d.toMillis()));
        this.events = new HostEvents(this);
        keeper.addListener((connect, generation) -> events.registerAll(connect, generation));
    }

    /** See {@link Host#open}: the event loop ({@link LibvirtEventLoop#start()}) first, then the connection. */
    static Host open(String uri) {
        LibvirtEventLoop.start();
        LibvirtHost host = new LibvirtHost(uri);
        try {
            host.keeper.connection(); // the first connection fails at once, as before
        } catch (HypervisorUnavailable e) {
            host.close();
            throw new InternalError("cannot connect to libvirt at " + uri + ": " + e.getMessage(), e);
        }
        return host;
    }

    private Connect openConnection(long generation) {
        try {
            Connect c = new Connect(uri, false);
            // libvirt calls this on its event-loop thread when the daemon goes away or stops answering keepalives
            c.registerCloseListener((conn, reason) -> keeper.lost(generation, "libvirt closed it (" + reason + ")"));
            return c;
        } catch (LibvirtException e) {
            throw new IllegalStateException(LibvirtErrors.message(e), e);
        }
    }

    private static void closeQuietly(Connect c) {
        try {
            c.unregisterCloseListener();
        } catch (LibvirtException e) {
            LOG.debug("unregistering the close listener: {}", LibvirtErrors.message(e));
        }
        try {
            c.close();
        } catch (LibvirtException e) {
            LOG.debug("closing a libvirt connection: {}", LibvirtErrors.message(e));
        }
    }

    /** The current connection, reconnecting when due; {@link HypervisorUnavailable} while libvirtd is away. */
    ConnectionKeeper.Connection<Connect> connection() {
        return keeper.connection();
    }

    HostEvents events() {
        return events;
    }

    /** The typed error for {@code e}; a connection error also marks connection {@code c} lost. */
    private RuntimeException fail(ConnectionKeeper.Connection<Connect> c, LibvirtException e, String what) {
        if (ConnectionErrors.lost(e)) {
            keeper.lost(c.generation(), LibvirtErrors.message(e));
            return new HypervisorUnavailable(what + ": connection to " + uri + " lost: " + LibvirtErrors.message(e),
                    e);
        }
        return new InternalError(what + ": " + LibvirtErrors.message(e), e);
    }

    LibvirtGuest guestOf(ConnectionKeeper.Connection<Connect> c, Domain d, String name) {
        return new LibvirtGuest(d, name, e -> keeper.lost(c.generation(), LibvirtErrors.message(e)));
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public boolean isOpen() {
        return keeper.state() != ConnectionKeeper.State.CLOSED;
    }

    @Override
    public void awaitConnection(Duration within) throws InterruptedException {
        keeper.await(within);
    }

    @Override
    public Optional<Guest> findGuest(String domainName) {
        ConnectionKeeper.Connection<Connect> c = keeper.connection();
        try {
            Domain d = c.handle().domainLookupByName(domainName);
            return Optional.of(guestOf(c, d, domainName));
        } catch (LibvirtException e) {
            if (LibvirtErrors.noDomain(e)) {
                return Optional.empty();
            }
            throw fail(c, e, "libvirt lookup of " + domainName + " failed");
        }
    }

    @Override
    public Guest define(String domainName, String xml) {
        ConnectionKeeper.Connection<Connect> c = keeper.connection();
        try {
            return guestOf(c, c.handle().domainDefineXML(xml), domainName);
        } catch (LibvirtException e) {
            throw fail(c, e, "defining domain " + domainName + " failed");
        }
    }

    @Override
    public Optional<Secret> findSecret(String uuid) {
        ConnectionKeeper.Connection<Connect> c = keeper.connection();
        try {
            return Optional.of(new LibvirtSecret(c.handle().secretLookupByUUIDString(uuid), uuid));
        } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_SECRET)) {
                return Optional.empty();
            }
            throw fail(c, e, "secret lookup of " + uuid + " failed");
        }
    }

    @Override
    public Secret defineCephSecret(String uuid, String usageName, byte[] value) {
        CephSecretValue.check(uuid, usageName, value); // before libvirt is asked anything
        String xml = SecretXml.write(dev.novalibvirt.core.xml.secret.Secret.ceph(uuid, usageName));
        ConnectionKeeper.Connection<Connect> c = keeper.connection();
        try {
            org.libvirt.Secret s = c.handle().secretDefineXML(xml);
            s.setValue(value);
            return new LibvirtSecret(s, uuid);
        } catch (LibvirtException e) {
            throw fail(c, e, "defining secret " + uuid + " failed");
        }
    }

    @Override
    public List<String> secretUuids() {
        ConnectionKeeper.Connection<Connect> c = keeper.connection();
        try {
            return List.of(c.handle().listSecrets());
        } catch (LibvirtException e) {
            throw fail(c, e, "secrets of " + uri);
        }
    }

    @Override
    public CpuComparison compareCpu(String cpuXml) {
        ConnectionKeeper.Connection<Connect> c = keeper.connection();
        CPUCompareResult r;
        try {
            r = c.handle().compareCPU(cpuXml);
        } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_SUPPORT)) {
                return CpuComparison.UNSUPPORTED;
            }
            throw fail(c, e, "CPU comparison on " + uri + " failed");
        }
        return switch (r) {
            case VIR_CPU_COMPARE_IDENTICAL -> CpuComparison.IDENTICAL;
            case VIR_CPU_COMPARE_SUPERSET -> CpuComparison.SUPERSET;
            case VIR_CPU_COMPARE_INCOMPATIBLE -> CpuComparison.INCOMPATIBLE;
            default -> throw new InternalError("CPU comparison on " + uri + " failed: " + r);
        };
    }

    @Override
    public String capabilities() {
        ConnectionKeeper.Connection<Connect> c = keeper.connection();
        try {
            return c.handle().getCapabilities();
        } catch (LibvirtException e) {
            throw fail(c, e, "capabilities of " + uri);
        }
    }

    @Override
    public long hypervisorVersion() {
        ConnectionKeeper.Connection<Connect> c = keeper.connection();
        try {
            return c.handle().getVersion();
        } catch (LibvirtException e) {
            throw fail(c, e, "version of " + uri);
        }
    }

    @Override
    public String hypervisorType() {
        ConnectionKeeper.Connection<Connect> c = keeper.connection();
        try {
            return c.handle().getType();
        } catch (LibvirtException e) {
            throw fail(c, e, "type of " + uri);
        }
    }

    @Override
    public void close() {
        events.closeAll();
        keeper.close();
    }
}
