package dev.novalibvirt.libvirt.host;

import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.core.xml.SecretXml;
import dev.novalibvirt.libvirt.jna.LibvirtEventLoop;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One libvirtd connection; mirrors {@code nova.virt.libvirt.host.Host}: guests by name, definitions, secrets and
 * host facts. libvirt's default error printer is replaced so libvirt errors surface only as typed exceptions.
 */
public final class Host implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Host.class);

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
    private final Connect connect;

    private Host(String uri, Connect connect) {
        this.uri = uri;
        this.connect = connect;
    }

    /**
     * Opens a read-write connection to {@code uri}, e.g. {@code qemu+tcp://198.18.0.11/system}, after starting
     * libvirt's event loop ({@link LibvirtEventLoop#start()}, idempotent, one daemon thread per process): libvirt
     * delivers domain events only on connections opened after that, and without them migrations fall back to polling.
     */
    public static Host open(String uri) {
        LibvirtEventLoop.start();
        try {
            return new Host(uri, new Connect(uri, false));
        } catch (LibvirtException e) {
            throw new InternalError("cannot connect to libvirt at " + uri + ": " + LibvirtErrors.message(e), e);
        }
    }

    public String uri() {
        return uri;
    }

    public Connect connect() {
        return connect;
    }

    /**
     * Mirrors {@code Host.get_guest}.
     *
     * @throws InstanceNotFound when no domain has that name
     */
    public Guest guest(String domainName) {
        return findGuest(domainName).orElseThrow(() -> new InstanceNotFound(domainName));
    }

    /** The guest if a domain of that name is defined. */
    public Optional<Guest> findGuest(String domainName) {
        try {
            Domain d = connect.domainLookupByName(domainName);
            return Optional.of(new Guest(d, domainName));
        } catch (LibvirtException e) {
            if (LibvirtErrors.noDomain(e)) {
                return Optional.empty();
            }
            throw new InternalError("libvirt lookup of " + domainName + " failed: " + LibvirtErrors.message(e), e);
        }
    }

    /** Mirrors {@code Host.write_instance_config}: define a persistent domain. */
    public Guest define(String domainName, String xml) {
        try {
            return new Guest(connect.domainDefineXML(xml), domainName);
        } catch (LibvirtException e) {
            throw new InternalError("defining domain " + domainName + " failed: " + LibvirtErrors.message(e), e);
        }
    }

    /** The libvirt secret with this uuid, if defined. */
    public Optional<Secret> findSecret(String uuid) {
        try {
            return Optional.of(connect.secretLookupByUUIDString(uuid));
        } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_SECRET)) {
                return Optional.empty();
            }
            throw new InternalError("secret lookup of " + uuid + " failed: " + LibvirtErrors.message(e), e);
        }
    }

    /** Defines a ceph secret with a value; the value never leaves this method except to libvirt. */
    public Secret defineCephSecret(String uuid, String usageName, byte[] value) {
        String xml = SecretXml.write(dev.novalibvirt.core.xml.secret.Secret.ceph(uuid, usageName));
        try {
            Secret s = connect.secretDefineXML(xml);
            s.setValue(value);
            return s;
        } catch (LibvirtException e) {
            throw new InternalError("defining secret " + uuid + " failed: " + LibvirtErrors.message(e), e);
        }
    }

    /** libvirt's capabilities XML ({@code <host><cpu>} describes the host CPU). */
    public String capabilities() {
        try {
            return connect.getCapabilities();
        } catch (LibvirtException e) {
            throw new InternalError("capabilities of " + uri + ": " + LibvirtErrors.message(e), e);
        }
    }

    /** The hypervisor version (QEMU) in libvirt's encoding. */
    public long hypervisorVersion() {
        try {
            return connect.getVersion();
        } catch (LibvirtException e) {
            throw new InternalError("version of " + uri + ": " + LibvirtErrors.message(e), e);
        }
    }

    /** The hypervisor type, e.g. {@code QEMU}. */
    public String hypervisorType() {
        try {
            return connect.getType();
        } catch (LibvirtException e) {
            throw new InternalError("type of " + uri + ": " + LibvirtErrors.message(e), e);
        }
    }

    @Override
    public void close() {
        try {
            connect.close();
        } catch (LibvirtException e) {
            LOG.debug("closing {}", uri, e);
        }
    }
}
