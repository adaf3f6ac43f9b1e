package dev.novalibvirt.libvirt.host;

import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.core.xml.SecretXml;
import dev.novalibvirt.libvirt.jna.LibvirtEventLoop;
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
 * The {@link Host} port over libvirt-java's {@link Connect}. libvirt's default error printer is replaced so libvirt
 * errors surface only as typed exceptions.
 */
final class LibvirtHost implements Host {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtHost.class);

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

    private LibvirtHost(String uri, Connect connect) {
        this.uri = uri;
        this.connect = connect;
    }

    /** See {@link Host#open}: the event loop ({@link LibvirtEventLoop#start()}) first, then the connection. */
    static Host open(String uri) {
        LibvirtEventLoop.start();
        try {
            return new LibvirtHost(uri, new Connect(uri, false));
        } catch (LibvirtException e) {
            throw new InternalError("cannot connect to libvirt at " + uri + ": " + LibvirtErrors.message(e), e);
        }
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public boolean isOpen() {
        try {
            return connect.isConnected();
        } catch (LibvirtException e) {
            return false;
        }
    }

    @Override
    public Optional<Guest> findGuest(String domainName) {
        try {
            Domain d = connect.domainLookupByName(domainName);
            return Optional.of(new LibvirtGuest(d, domainName));
        } catch (LibvirtException e) {
            if (LibvirtErrors.noDomain(e)) {
                return Optional.empty();
            }
            throw new InternalError("libvirt lookup of " + domainName + " failed: " + LibvirtErrors.message(e), e);
        }
    }

    @Override
    public Guest define(String domainName, String xml) {
        try {
            return new LibvirtGuest(connect.domainDefineXML(xml), domainName);
        } catch (LibvirtException e) {
            throw new InternalError("defining domain " + domainName + " failed: " + LibvirtErrors.message(e), e);
        }
    }

    @Override
    public Optional<Secret> findSecret(String uuid) {
        try {
            return Optional.of(new LibvirtSecret(connect.secretLookupByUUIDString(uuid), uuid));
        } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_SECRET)) {
                return Optional.empty();
            }
            throw new InternalError("secret lookup of " + uuid + " failed: " + LibvirtErrors.message(e), e);
        }
    }

    @Override
    public Secret defineCephSecret(String uuid, String usageName, byte[] value) {
        String xml = SecretXml.write(dev.novalibvirt.core.xml.secret.Secret.ceph(uuid, usageName));
        try {
            org.libvirt.Secret s = connect.secretDefineXML(xml);
            s.setValue(value);
            return new LibvirtSecret(s, uuid);
        } catch (LibvirtException e) {
            throw new InternalError("defining secret " + uuid + " failed: " + LibvirtErrors.message(e), e);
        }
    }

    @Override
    public List<String> secretUuids() {
        try {
            return List.of(connect.listSecrets());
        } catch (LibvirtException e) {
            throw new InternalError("secrets of " + uri + ": " + LibvirtErrors.message(e), e);
        }
    }

    @Override
    public CpuComparison compareCpu(String cpuXml) {
        CPUCompareResult r;
        try {
            r = connect.compareCPU(cpuXml);
        } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_SUPPORT)) {
                return CpuComparison.UNSUPPORTED;
            }
            throw new InternalError("CPU comparison on " + uri + " failed: " + LibvirtErrors.message(e), e);
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
        try {
            return connect.getCapabilities();
        } catch (LibvirtException e) {
            throw new InternalError("capabilities of " + uri + ": " + LibvirtErrors.message(e), e);
        }
    }

    @Override
    public long hypervisorVersion() {
        try {
            return connect.getVersion();
        } catch (LibvirtException e) {
            throw new InternalError("version of " + uri + ": " + LibvirtErrors.message(e), e);
        }
    }

    @Override
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
