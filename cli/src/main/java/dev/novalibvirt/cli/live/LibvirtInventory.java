package dev.novalibvirt.cli.live;

import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.cli.port.GuestInventory;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.libvirt.monrefresh.DomainRefreshReport;
import dev.novalibvirt.libvirt.monrefresh.MonitorRefresher;
import dev.novalibvirt.migration.xml.MonitorAddressSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;

/** {@link GuestInventory} over a libvirt-java connection; libvirt's failures become Nova's exceptions. */
final class LibvirtInventory implements GuestInventory {
    /** {@code VIR_DOMAIN_XML_INACTIVE}, without {@code _SECURE}: no graphics passwords in what the CLI reads. */
    private static final int XML_INACTIVE = 2;
    /** Held strongly: libvirt keeps only a native pointer to the callback. */
    private static final Libvirt.VirErrorCallback SILENT = (userData, error) -> { };
    private static boolean quiet;

    private final Connect conn;
    private final String uri;

    private LibvirtInventory(Connect conn, String uri) {
        this.conn = conn;
        this.uri = uri;
    }

    static LibvirtInventory open(String uri, boolean readOnly) {
        quiet();
        try {
            return new LibvirtInventory(new Connect(uri, readOnly), uri);
        } catch (LibvirtException e) {
            throw new InternalError("cannot connect to libvirtd at " + uri + ": " + e.getMessage(), e);
        }
    }

    /** libvirt prints every error to stderr by default; the CLI reports each once, as one line of its own. */
    static synchronized void quiet() {
        if (!quiet) {
            try {
                Connect.setErrorCallback(SILENT);
                quiet = true;
            } catch (LibvirtException e) {
                // libvirt's own printout stays; the error is still reported by the CLI
            }
        }
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public long hypervisorVersion() {
        try {
            return conn.getVersion();
        } catch (LibvirtException e) {
            throw new InternalError("cannot read the QEMU version of " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<GuestDefinition> guests(Optional<String> domain) {
        List<GuestDefinition> out = new ArrayList<>();
        for (Domain d : domains(domain)) {
            out.add(read(d));
        }
        return List.copyOf(out);
    }

    private List<Domain> domains(Optional<String> domain) {
        try {
            return domain.isPresent() ? List.of(lookup(domain.get())) : List.of(conn.listAllDomains(0));
        } catch (LibvirtException e) {
            throw new InternalError("cannot list the domains of " + uri + ": " + e.getMessage(), e);
        }
    }

    private Domain lookup(String name) {
        try {
            return conn.domainLookupByName(name);
        } catch (LibvirtException e) {
            if (e.getError() != null && e.getError().getCode() == Error.ErrorNumber.VIR_ERR_NO_DOMAIN) {
                throw new InstanceNotFound(name, e);
            }
            throw new InternalError("cannot look up domain " + name + " on " + uri + ": " + e.getMessage(), e);
        }
    }

    private static GuestDefinition read(Domain d) {
        String name = "?";
        String uuid = "?";
        try {
            name = d.getName();
            uuid = d.getUUIDString();
            boolean persistent = d.isPersistent() == 1;
            boolean active = d.isActive() == 1;
            String live = active ? d.getXMLDesc(0) : null;
            String definition = persistent ? d.getXMLDesc(XML_INACTIVE) : live;
            return new GuestDefinition(name, uuid, persistent, active, definition, live, null);
        } catch (LibvirtException e) {
            return new GuestDefinition(name, uuid, false, false, null, null, e.getMessage());
        }
    }

    @Override
    public List<DomainRefreshReport> refresh(Optional<String> domain, MonitorAddressSource monitors) {
        MonitorRefresher refresher = new MonitorRefresher(monitors);
        if (domain.isPresent()) {
            return List.of(refresher.refreshDomain(conn, lookup(domain.get())));
        }
        try {
            return refresher.refreshHost(conn);
        } catch (LibvirtException e) {
            throw new InternalError("cannot list the domains of " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (LibvirtException e) {
            // the connection is gone either way
        }
    }
}
