package dev.novalibvirt.cli.live;

import dev.novalibvirt.cli.port.MigrationDrivers;
import dev.novalibvirt.cli.port.MigrationEnds;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdImageBackend;

/**
 * The two {@link LibvirtDriver}s of a migration, as the examples module and ContractLab build them: each host's
 * nova.conf, its libvirtd ({@link Host#open}), and the RBD image backend of nova.conf's {@code rbd_user}, one for
 * both (the hosts share the cluster). The source's monitor reports to the listener.
 */
final class LiveMigrationDrivers implements MigrationDrivers {
    private final RbdImageBackend backend;
    private final LibvirtDriver source;
    private final LibvirtDriver destination;

    private LiveMigrationDrivers(RbdImageBackend backend, LibvirtDriver source, LibvirtDriver destination) {
        this.backend = backend;
        this.source = source;
        this.destination = destination;
    }

    static LiveMigrationDrivers open(MigrationEnds ends, MigrationListener listener, ComponentVersion cephVersion) {
        RbdImageBackend backend = RbdImageBackend.of(RbdConfig.from(ends.sourceConfig()));
        LibvirtDriver source = null;
        try {
            source = driver(ends.sourceConfig(), ends.sourceUri(), backend, cephVersion).migrationListener(listener)
                    .build();
            LibvirtDriver destination = driver(ends.destinationConfig(), ends.destinationUri(), backend, cephVersion)
                    .build();
            return new LiveMigrationDrivers(backend, source, destination);
        } catch (RuntimeException e) {
            if (source != null) {
                source.close();
            }
            backend.close();
            throw e;
        }
    }

    private static LibvirtDriver.Builder driver(NovaConfig config, String uri, RbdImageBackend backend,
                                                ComponentVersion cephVersion) {
        // Host.open starts libvirt's event loop first, so the migration is watched by events, not polling
        return LibvirtDriver.builder().config(config).host(Host.open(uri)).imageBackend(backend)
                .cephVersion(cephVersion);
    }

    @Override
    public ComputeDriver source() {
        return source;
    }

    @Override
    public ComputeDriver destination() {
        return destination;
    }

    @Override
    public void close() {
        try {
            destination.close();
        } finally {
            try {
                source.close();
            } finally {
                backend.close();
            }
        }
    }
}
