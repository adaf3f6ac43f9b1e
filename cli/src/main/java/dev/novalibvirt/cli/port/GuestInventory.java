package dev.novalibvirt.cli.port;

import dev.novalibvirt.libvirt.monrefresh.DomainRefreshReport;
import dev.novalibvirt.migration.xml.MonitorAddressSource;
import java.util.List;
import java.util.Optional;

/** One libvirtd's guests, as refresh-monitors and cache-check need them. */
public interface GuestInventory extends AutoCloseable {
    /** The connection URI. */
    String uri();

    /** QEMU's version in libvirt's packed form ({@code virConnectGetVersion}). */
    long hypervisorVersion();

    /**
     * Every domain (persistent or transient, running or not), or only {@code domain}.
     *
     * @throws dev.novalibvirt.core.exception.InstanceNotFound when {@code domain} is not defined
     */
    List<GuestDefinition> guests(Optional<String> domain);

    /**
     * {@code MonitorRefresher}: rewrites the persistent definitions of every domain (or {@code domain}) whose RBD
     * disks name other monitors than {@code monitors}; one report per domain.
     */
    List<DomainRefreshReport> refresh(Optional<String> domain, MonitorAddressSource monitors);

    @Override
    void close();
}
